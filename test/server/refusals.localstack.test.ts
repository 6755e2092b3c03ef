// What the API refuses, each with a problem+json answer, against the shared LocalStack: bodies that are not JSON or
// come from another origin, invalid UTF-8, deep nesting, wrong methods, oversized headers, forged cursors. Each
// refusal that could have started something is checked to have started nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { createApp } from '../../src/server/index.ts';
import { startNodeServer } from '../../src/server/node.ts';
import type { RunningServer } from '../../src/server/serve-config.ts';
import { expectProblem as problem } from '../support/server/problem.ts';
import {
  type DeployedFixture,
  deployFixture,
  localstackAppOptions,
  sfnClient,
  waitForEnd,
} from '../support/server/localstack-fixture.ts';

// No input schema: any JSON is accepted, so what refuses a body here is the server's own rules.
const DEFINITION = { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } };

let fixture: DeployedFixture;
let app: ReturnType<typeof createApp>;
const executions = () => `/workflows/${fixture.workflow}/executions`;

async function executionCount(): Promise<number> {
  const listed = await sfnClient.send(
    new ListExecutionsCommand({ stateMachineArn: fixture.stateMachineArn, maxResults: 1000 }),
  );
  return listed.executions?.length ?? 0;
}

function post(body: BodyInit | undefined, headers: Record<string, string>) {
  return app.request(executions(), { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
}

before(async () => {
  fixture = await deployFixture('refusals', DEFINITION, undefined);
  app = createApp(localstackAppOptions(fixture.files));
});
after(async () => fixture.remove());

describe('bodies that are not JSON, and browsers on other origins', () => {
  test('415 for text/plain, form-urlencoded or no Content-Type with a body; nothing starts', async () => {
    const before = await executionCount();
    const plain = await problem(await post('{"a":1}', { 'content-type': 'text/plain' }), 415);
    assert.equal(plain.detail, 'Content-Type header: must be application/json, got "text/plain"');
    await problem(await post('{"a":1}', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
    await problem(await post(new Blob(['{"a":1}']), {}), 415);
    assert.equal(await executionCount(), before);
  });

  test('a cross-site simple request (text/plain from another origin) is refused; nothing starts', async () => {
    const before = await executionCount();
    const crossSite = await problem(
      await post('{"a":1}', { 'content-type': 'text/plain', origin: 'http://evil.example' }),
      403,
    );
    assert.match(crossSite.detail, /^Origin header: http:\/\/evil\.example may not start or stop executions/);
    // Even JSON, even without a body: the Origin decides before anything is read.
    await problem(await post('{"a":1}', { 'content-type': 'application/json', origin: 'http://evil.example' }), 403);
    await problem(await post(undefined, { origin: 'null' }), 403);
    const fetchMetadata = await problem(
      await post('{"a":1}', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }),
      403,
    );
    assert.match(fetchMetadata.detail, /^Sec-Fetch-Site header: a cross-site request/);
    await problem(
      await app.request(`${executions()}/whatever/stop`, {
        method: 'POST',
        headers: { origin: 'http://evil.example' },
      }),
      403,
    );
    assert.equal(await executionCount(), before);
  });

  test('the own origin, an allowed origin and clients that send no Origin are let through', async () => {
    const json = { 'content-type': 'application/json' };
    assert.equal(
      (await post('{"a":1}', { ...json, origin: 'http://localhost', 'sec-fetch-site': 'same-origin' })).status,
      201,
    );
    assert.equal((await post('{"a":1}', json)).status, 201);
    const console = createApp(localstackAppOptions(fixture.files, { allowedOrigins: ['http://console.example'] }));
    const allowed = await console.request(executions(), {
      method: 'POST',
      headers: { ...json, origin: 'http://console.example', 'sec-fetch-site': 'cross-site' },
      body: '{}',
    });
    assert.equal(allowed.status, 201);
  });

  test('invalid UTF-8 is 400, not turned into U+FFFD; nothing starts', async () => {
    const before = await executionCount();
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"name":"'),
      0xc3,
      0x28,
      ...new TextEncoder().encode('"}'),
    ]);
    assert.equal(
      (await problem(await post(bytes, { 'content-type': 'application/json' }), 400)).detail,
      'body: not valid UTF-8',
    );
    assert.equal(await executionCount(), before);
  });
});

describe('nesting', () => {
  const nested = (depth: number) => `{"name":"deep","tree":${'['.repeat(depth - 1)}1${']'.repeat(depth - 1)}}`;

  test('10,000 levels is a 400 naming the limit (was a 500 from a stack overflow); nothing starts', async () => {
    const before = await executionCount();
    for (const depth of [65, 3_000, 10_000]) {
      const refused = await problem(await post(nested(depth), { 'content-type': 'application/json' }), 400);
      assert.match(refused.detail, /^body: nested deeper than 64 levels/);
      assert.equal(refused.maxDepth, 64);
    }
    assert.equal(await executionCount(), before);
  });

  test('the deepest accepted body runs to success in Step Functions', async () => {
    const started = await post(nested(64), { 'content-type': 'application/json' });
    assert.equal(started.status, 201, await started.clone().text());
    assert.equal(await waitForEnd(((await started.json()) as { executionArn: string }).executionArn), 'SUCCEEDED');
  });
});

describe('methods, cursors and auth', () => {
  test('a wrong method on a known path is 405 with Allow; an unknown path stays 404', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const response = await app.request(executions(), { method });
      const body = await problem(response, 405);
      assert.equal(response.headers.get('allow'), 'GET, HEAD, POST');
      assert.match(body.detail, new RegExp(`^method: ${method} is not allowed`));
    }
    const stop = await app.request(`${executions()}/x/stop`, { method: 'GET' });
    await problem(stop, 405);
    assert.equal(stop.headers.get('allow'), 'POST');
    await problem(await app.request('/nothing/here', { method: 'PUT' }), 404);
  });

  test('a cursor the server did not issue is 400, on every paged route', async () => {
    const forged = btoa('{"t":"x"}');
    const list = await problem(await app.request(`${executions()}?cursor=${encodeURIComponent(forged)}`), 400);
    assert.match(list.detail, /^cursor: not a cursor this server issued/);
    const started = (await (await post('{"a":1}', { 'content-type': 'application/json' })).json()) as {
      execution: string;
    };
    for (const view of ['events', 'steps']) {
      await problem(
        await app.request(
          `${executions()}/${started.execution}/history?view=${view}&cursor=${encodeURIComponent(forged)}`,
        ),
        400,
      );
    }
    // A real cursor of one listing is refused by another.
    const page = (await (await app.request(`${executions()}?limit=1`)).json()) as { nextCursor: string };
    assert.ok(page.nextCursor);
    await problem(
      await app.request(`${executions()}?status=SUCCEEDED&cursor=${encodeURIComponent(page.nextCursor)}`),
      400,
    );
    assert.equal(
      (await app.request(`${executions()}?limit=1&cursor=${encodeURIComponent(page.nextCursor)}`)).status,
      200,
    );
  });

  test("headers over 16 KiB are a 431 problem, whatever the runtime's own limit", async () => {
    const refused = await problem(
      await app.request('/workflows', { headers: { 'x-padding': 'x'.repeat(17 * 1024) } }),
      431,
    );
    assert.equal(refused.detail, 'headers: larger than the server accepts (16 KiB in all)');
    assert.equal((await app.request('/workflows', { headers: { 'x-padding': 'x'.repeat(8 * 1024) } })).status, 200);
  });

  test('401 carries a WWW-Authenticate challenge; every response carries a request id', async () => {
    const secured = createApp(localstackAppOptions(fixture.files, { apiToken: 'token-1' }));
    const response = await secured.request(executions(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await problem(response, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer realm="stepforge"/);
    assert.match(response.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    const echoed = await app.request('/workflows', { headers: { 'x-request-id': 'trace-42' } });
    assert.equal(echoed.headers.get('x-request-id'), 'trace-42');
  });
});

describe('the Node server', () => {
  let server: RunningServer;
  let buildDir: string;
  before(async () => {
    buildDir = mkdtempSync(join(tmpdir(), 'stepforge-refusals-'));
    server = await startNodeServer({ port: 0, host: '127.0.0.1', buildDir });
  });
  after(async () => {
    await server.close();
    rmSync(buildDir, { recursive: true, force: true });
  });

  test("headers over Node's limit are a 431 with a problem+json body", async () => {
    const { status, type, body } = await new Promise<{ status: number; type: string; body: string }>(
      (resolve, reject) => {
        const request = httpRequest(
          `${server.url}/workflows`,
          { headers: { 'x-padding': 'x'.repeat(20_000) } },
          (response) => {
            let text = '';
            response.on('data', (chunk) => (text += chunk));
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body: text }),
            );
          },
        );
        request.on('error', reject);
        request.end();
      },
    );
    assert.equal(status, 431);
    assert.equal(type, 'application/problem+json');
    assert.match((JSON.parse(body) as { detail: string }).detail, /^headers: larger than the server accepts/);
  });
});
