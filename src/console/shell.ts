// The one HTML page of the console: every /ui/... path serves it and the script draws the page the path names.

export interface ShellData {
  /** API paths the page reads first (first-reads.ts), fetched while the script loads. */
  readonly preloads?: readonly string[];
  /** The definition of the workflow the page draws, so the graph needs no request at all. */
  readonly definition?: { readonly workflow: string; readonly asl: unknown };
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A preload's `crossorigin` makes it a CORS-mode, same-origin-credentials request, which is what the page's `fetch`
 * is, so the browser hands the page the preloaded response. The definition is data in attributes of `<main>` (read
 * by client/pages/shared.ts), not an inline script, so the CSP stays `script-src 'self'`.
 */
export function consoleShell(script: string, style: string, data: ShellData = {}): string {
  const definition = data.definition
    ? ` data-definition-of="${attribute(data.definition.workflow)}" data-definition="${attribute(JSON.stringify(data.definition.asl))}"`
    : '';
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>stepforge console</title>',
    // An empty icon: browsers otherwise ask for /favicon.ico, a 404 logged as a console error.
    '<link rel="icon" href="data:,">',
    ...(data.preloads ?? []).map((path) => `<link rel="preload" href="${attribute(path)}" as="fetch" crossorigin>`),
    `<link rel="stylesheet" href="/ui/assets/${style}">`,
    `<script type="module" src="/ui/assets/${script}"></script>`,
    '</head>',
    '<body>',
    '<header class="top"><a href="/ui/workflows" data-link>stepforge</a><span>console</span></header>',
    `<main${definition}></main>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
