// The console's bundle: deterministic, committed up to date, served from the module graph with its security headers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CONSOLE_ASSETS } from '../../src/console/assets.generated.ts';
import { buildConsoleAssets, readGeneratedAssets } from '../../src/console/build.ts';
import { firstReadsOf } from '../../src/console/first-reads.ts';
import { createApp, memoryBuildReader, type SfnPort } from '../../src/server/index.ts';
import { createLogger } from '../../src/aws/index.ts';

// The console's pages call no Step Functions operation on the server; any call is a failure of this test.
const noSfn = new Proxy({} as SfnPort, {
  get: (_target, operation) => () => Promise.reject(new Error(`unexpected Step Functions call ${String(operation)}`)),
});
const app = createApp({
  sfn: noSfn,
  build: memoryBuildReader({}),
  logger: createLogger({ pretty: false, level: 'error', write: () => {} }),
});

describe('console asset build', () => {
  test('two builds are byte-identical', async () => {
    const [first, second] = await Promise.all([buildConsoleAssets(), buildConsoleAssets()]);
    assert.equal(first.module, second.module);
  });

  test('the committed assets.generated.ts is what the sources build to (run `npm run build:console`)', async () => {
    const built = await buildConsoleAssets();
    assert.ok(
      (await readGeneratedAssets()) === built.module,
      'src/console/assets.generated.ts is stale: npm run build:console',
    );
  });

  test('asset names carry a hash of their content', async () => {
    const built = await buildConsoleAssets();
    assert.equal(CONSOLE_ASSETS.js.body, built.js);
    assert.match(CONSOLE_ASSETS.js.name, /^app\.[0-9a-f]{16}\.js$/);
    assert.match(CONSOLE_ASSETS.css.name, /^app\.[0-9a-f]{16}\.css$/);
  });
});

describe('console routes', () => {
  test('every /ui/... deep link serves the shell, which loads only same-origin hashed assets', async () => {
    for (const path of ['/ui', '/ui/workflows', '/ui/workflows/orders', '/ui/workflows/orders/executions/run-1']) {
      const response = await app.request(path);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      const html = await response.text();
      assert.ok(html.includes(`src="/ui/assets/${CONSOLE_ASSETS.js.name}"`), path);
      assert.ok(html.includes(`href="/ui/assets/${CONSOLE_ASSETS.css.name}"`), path);
      assert.doesNotMatch(html, /<script>|<style|style=/, 'no inline script or style');
    }
  });

  test('pages carry CSP without inline script, nosniff and frame-ancestors none', async () => {
    const response = await app.request('/ui/workflows');
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
  });

  test('assets are served by hashed name, cached for good, gzipped on request; other names are 404', async () => {
    const response = await app.request(`/ui/assets/${CONSOLE_ASSETS.js.name}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.match(response.headers.get('cache-control') ?? '', /immutable/);
    assert.equal(await response.text(), CONSOLE_ASSETS.js.body);
    const gzipped = await app.request(`/ui/assets/${CONSOLE_ASSETS.css.name}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    assert.equal(gzipped.headers.get('content-encoding'), 'gzip');
    assert.equal((await app.request('/ui/assets/app.0000000000000000.js')).status, 404);
  });

  test("a page's shell preloads its first API reads, built as the client builds them", () => {
    assert.deepEqual(firstReadsOf('/ui'), { preloads: ['/workflows'] });
    assert.deepEqual(firstReadsOf('/ui/workflows/'), { preloads: ['/workflows'] });
    assert.deepEqual(firstReadsOf('/ui/workflows/a%20b'), { preloads: ['/workflows/a%20b'], workflow: 'a b' });
    assert.deepEqual(firstReadsOf('/ui/workflows/w/executions/run%3A1'), {
      preloads: ['/workflows/w/executions/run%3A1', '/workflows/w'],
      workflow: 'w',
    });
    assert.deepEqual(firstReadsOf('/ui/workflows/%E0%A4%A'), { preloads: [] }, 'a malformed escape');
    assert.deepEqual(firstReadsOf('/ui/elsewhere'), { preloads: [] });
  });

  test("a workflow page's shell carries its definition from the build, escaped, and Step Functions is not called", async () => {
    const asl = {
      Comment: 'ends "quoted" </main><script>alert(1)</script> & more',
      StartAt: 'A',
      States: { A: { Type: 'Succeed' } },
    };
    const built = createApp({
      sfn: noSfn,
      build: memoryBuildReader({
        'deployment.json': JSON.stringify({
          workflows: {
            orders: {
              stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:orders',
              asl: 'asl/orders.asl.json',
            },
          },
        }),
        'asl/orders.asl.json': JSON.stringify(asl),
      }),
      logger: createLogger({ pretty: false, level: 'error', write: () => {} }),
    });
    const attributes = (html: string) => /<main([^>]*)>/.exec(html)?.[1] ?? '';
    for (const path of ['/ui/workflows/orders', '/ui/workflows/orders/executions/run-1']) {
      const html = await (await built.request(path)).text();
      assert.ok(html.includes('<link rel="preload" href="/workflows/orders" as="fetch" crossorigin>'), path);
      assert.equal(html.match(/<script/g)?.length, 1, 'the module script only: the definition is not markup');
      const main = attributes(html);
      assert.match(main, / data-definition-of="orders"/);
      const text = / data-definition="([^"]*)"/.exec(main)?.[1] ?? '';
      const unescaped = text
        .replaceAll('&quot;', '"')
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&amp;', '&');
      assert.deepEqual(JSON.parse(unescaped), asl, path);
    }
    // Not deployed: the page asks the API, which answers the 404.
    assert.equal(attributes(await (await built.request('/ui/workflows/missing')).text()), '');
    const gzipped = await built.request('/ui/workflows/orders', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzipped.headers.get('content-encoding'), 'gzip');
  });

  test('GET / sends a browser to /ui/workflows; an API client keeps its 404 problem', async () => {
    const browser = await app.request('/', { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    assert.equal(browser.status, 302);
    assert.equal(browser.headers.get('location'), '/ui/workflows');
    const api = await app.request('/', { headers: { accept: 'application/json' } });
    assert.equal(api.status, 404);
    assert.match(api.headers.get('content-type') ?? '', /problem\+json/);
  });

  test('the console adds no mutating route: POST under /ui is 405 or 404, never handled', async () => {
    const response = await app.request('/ui/workflows', { method: 'POST' });
    assert.ok(response.status === 405 || response.status === 404, String(response.status));
  });
});
