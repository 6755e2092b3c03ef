// The console's routes on the server's Hono app: one HTML shell for every /ui/... deep link, the bundled script and
// style under content-hashed names (cached for good), and `GET /` leading a browser to /ui/workflows.
import { type Env, Hono } from 'hono';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { CONSOLE_ASSETS } from './assets.generated.ts';
import { consoleShell } from './shell.ts';

const ASSETS: ReadonlyMap<string, { readonly type: string; readonly body: string }> = new Map(
  Object.values(CONSOLE_ASSETS).map((asset) => [asset.name, asset]),
);
const SHELL = consoleShell(CONSOLE_ASSETS.js.name, CONSOLE_ASSETS.css.name);

/** No inline script or style, nothing from another origin, never framed. */
const pageHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
  referrerPolicy: 'same-origin',
});

function wantsHtml(accept: string | undefined): boolean {
  return /\btext\/html\b/.test(accept ?? '');
}

/** Mounted by createApp with `app.route('/', consoleRoutes())`. */
export function consoleRoutes<E extends Env>(): Hono<E> {
  const app = new Hono<E>();
  // API clients keep the 404 they always had on `/`; a browser asks for HTML and is sent to the console.
  app.get('/', async (c, next) => {
    if (!wantsHtml(c.req.header('accept'))) return next();
    return c.redirect('/ui/workflows', 302);
  });
  app.use('/ui', pageHeaders);
  app.use('/ui/*', pageHeaders);
  app.get('/ui/assets/:file', compress(), (c) => {
    const asset = ASSETS.get(c.req.param('file'));
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, {
      'content-type': asset.type,
      'cache-control': 'public, max-age=31536000, immutable',
    });
  });
  const shell = () =>
    new Response(SHELL, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' } });
  app.get('/ui', shell);
  app.get('/ui/*', shell);
  return app;
}
