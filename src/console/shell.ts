// The one HTML page of the console: every /ui/... path serves it and the script draws the page the path names.
export function consoleShell(script: string, style: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>stepforge console</title>',
    // An empty icon: browsers otherwise ask for /favicon.ico, a 404 logged as a console error.
    '<link rel="icon" href="data:,">',
    `<link rel="stylesheet" href="/ui/assets/${style}">`,
    `<script type="module" src="/ui/assets/${script}"></script>`,
    '</head>',
    '<body>',
    '<header class="top"><a href="/ui/workflows" data-link>stepforge</a><span>console</span></header>',
    '<main></main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
