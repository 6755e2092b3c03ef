// The console's routes on the server's Hono app: one HTML shell for every /ui/... deep link, the bundled script and
// style under content-hashed names (cached for good), and `GET /` leading a browser to /ui/workflows.
import { type Context, type Env, Hono } from 'hono';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { CONSOLE_ASSETS } from './assets.generated.ts';
import { firstReadsOf } from './first-reads.ts';
import { consoleShell } from './shell.ts';

const ASSETS: ReadonlyMap<string, { readonly name: string; readonly type: string; readonly body: string }> = new Map(
  Object.values(CONSOLE_ASSETS).map((asset) => [asset.name, asset]),
);

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

function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return /\bgzip\b(?!;\s*q=0(\.0*)?(,|$))/.test(acceptEncoding ?? '');
}

/**
 * Each asset gzipped once, by the first request that asks (not at start-up: workerd runs no async work outside a
 * request), then served from memory: every new browser fetches the whole script, and compressing 80 KB costs a cold
 * server tens of milliseconds. Only finished bytes are shared, never a pending promise (workerd ties those to the
 * request that made them), so requests racing the first one compress too.
 */
const GZIPPED = new Map<string, ArrayBuffer>();

async function gzipped(name: string, body: string): Promise<ArrayBuffer> {
  const cached = GZIPPED.get(name);
  if (cached) return cached;
  const stream = new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'));
  const bytes = await new Response(stream).arrayBuffer();
  GZIPPED.set(name, bytes);
  return bytes;
}

function wantsHtml(accept: string | undefined): boolean {
  return /\btext\/html\b/.test(accept ?? '');
}

export interface ConsoleRouteOptions {
  /**
   * A deployed workflow's ASL from the build (no Step Functions call), or undefined when there is none: the shell of
   * a page that draws it carries it. Without this option pages fetch it like any other read.
   */
  readonly definition?: (workflow: string) => Promise<unknown>;
}

/** Mounted by createApp with `app.route('/', consoleRoutes({ definition }))`. */
export function consoleRoutes<E extends Env>(options: ConsoleRouteOptions = {}): Hono<E> {
  const app = new Hono<E>();
  // API clients keep the 404 they always had on `/`; a browser asks for HTML and is sent to the console.
  app.get('/', async (c, next) => {
    if (!wantsHtml(c.req.header('accept'))) return next();
    return c.redirect('/ui/workflows', 302);
  });
  app.use('/ui', pageHeaders);
  app.use('/ui/*', pageHeaders);
  app.get('/ui/assets/:file', async (c) => {
    const asset = ASSETS.get(c.req.param('file'));
    if (!asset) return c.notFound();
    const headers = {
      'content-type': asset.type,
      'cache-control': 'public, max-age=31536000, immutable',
      vary: 'accept-encoding',
    };
    if (!acceptsGzip(c.req.header('accept-encoding'))) return c.body(asset.body, 200, headers);
    return c.body(await gzipped(asset.name, asset.body), 200, { ...headers, 'content-encoding': 'gzip' });
  });
  // The shell starts the page's first reads with its script, and carries the definition the page draws.
  const shell = async (c: Context<E>) => {
    const { preloads, workflow } = firstReadsOf(new URL(c.req.url).pathname);
    // A build that cannot be read is the API's to report, on the page's own request.
    const asl = workflow === undefined ? undefined : await options.definition?.(workflow).catch(() => undefined);
    const definition = workflow !== undefined && asl != null ? { workflow, asl } : undefined;
    return new Response(consoleShell(CONSOLE_ASSETS.js.name, CONSOLE_ASSETS.css.name, { preloads, definition }), {
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
    });
  };
  // Gzipped: a big workflow's definition makes the shell tens of KB.
  app.get('/ui', compress(), shell);
  app.get('/ui/*', compress(), shell);
  return app;
}
