// The server as a Cloudflare Worker on a local workerd (`stepforge serve --runtime workerd`), against LocalStack:
// one worker for the file, through real HTTP. The Map passes its items through, so the first item is the pause (s). What differs from Node is asserted where it shows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectProblem as problem } from '../support/server/problem.ts';
import { mapOfPass } from '../support/server/definitions.ts';
import { DescribeExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { type CountingProxy, startCountingProxy } from '../support/server/counting-proxy.ts';
import {
  type DeployedFixture,
  deployFixture,
  sfnClient,
  uniqueSuffix,
  waitForEnd,
} from '../support/server/localstack-fixture.ts';
import { isAlive, type ServedProcess, serveProcess, writeBuildDir } from '../support/server/served-process.ts';
import { readSse } from '../support/server/sse.ts';

const TOKEN = 'workerd-test-token';
const STANDARD = mapOfPass({ name: 'Pause', state: { Type: 'Wait', SecondsPath: '$[0]', End: true } });
const SCHEMA = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: { type: 'integer' } } },
};
const EXPRESS = { StartAt: 'Greet', States: { Greet: { Type: 'Pass', Result: 'done', ResultPath: '$.r', End: true } } };

let flow: DeployedFixture;
let quick: DeployedFixture;
let build: ReturnType<typeof writeBuildDir>;
let server: ServedProcess;
let proxy: CountingProxy;
let workerdPids: number[] = [];

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function start(items: number[], headers: Record<string, string> = {}) {
  const response = await post('/workflows/flow/executions', { items }, headers);
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as { execution: string; executionArn: string; links: Record<string, string> };
}

before(async () => {
  [flow, quick] = await Promise.all([
    deployFixture('flow', STANDARD, SCHEMA),
    deployFixture('quick', EXPRESS, undefined, 'EXPRESS'),
  ]);
  const deployment = JSON.parse(flow.files['deployment.json']!) as { workflows: Record<string, unknown> };
  Object.assign(deployment.workflows, (JSON.parse(quick.files['deployment.json']!) as typeof deployment).workflows);
  build = writeBuildDir({ ...flow.files, ...quick.files, 'deployment.json': JSON.stringify(deployment) });
  // The worker reaches LocalStack through a counting proxy, so a test can see the calls it makes.
  proxy = await startCountingProxy(process.env.AWS_ENDPOINT_URL!);
  server = await serveProcess(['serve', '--runtime', 'workerd', '--port', '0', '--build', build.dir], {
    STEPFORGE_API_TOKEN: TOKEN,
    AWS_ENDPOINT_URL: proxy.endpoint,
  });
  workerdPids = server.children('workerd');
});

after(async () => {
  await server?.stop();
  await proxy?.close();
  build?.remove();
  await Promise.all([flow?.remove(), quick?.remove()]);
});

describe('workerd: the HTTP API', () => {
  test('health and workflows come from the build files bundled into the worker', async () => {
    const health = (await (await fetch(`${server.url}/health`)).json()) as Record<string, unknown>;
    assert.equal(health.workflows, 2);
    assert.equal(health.endpoint, proxy.endpoint);
    const details = (await (await fetch(`${server.url}/workflows/flow`)).json()) as Record<string, unknown>;
    assert.deepEqual(details.asl, STANDARD);
    assert.deepEqual(details.inputSchema, SCHEMA);
  });

  test('errors are problem+json naming the field, the path or the workflow', async () => {
    assert.equal(
      (await problem(await post('/workflows/flow/executions', { items: ['x'] }), 400)).detail,
      'body.items[0]: must be integer, got string',
    );
    assert.match((await problem(await post('/workflows/flow/executions', '{not json'), 400)).detail, /^body: /);
    assert.match((await problem(await post('/workflows/nope/executions', { items: [] }), 404)).detail, /nope/);
    assert.match((await problem(await fetch(`${server.url}/no/such/path`), 404)).detail, /^path: /);
    await problem(await post('/workflows/flow/executions', { items: [1], pad: 'x'.repeat(300 * 1024) }), 413);
  });

  test('headers: the app answers 431 problem+json past 16 KiB; from 128 KiB (its own limit) workerd answers in plain text', async () => {
    const big = (kib: number) => fetch(`${server.url}/workflows`, { headers: { 'x-big': 'a'.repeat(kib * 1024) } });
    assert.match((await problem(await big(20), 431)).detail, /^headers: /);
    const huge = await big(128);
    assert.equal(huge.status, 431);
    assert.notEqual(huge.headers.get('content-type'), 'application/problem+json');
  });

  test('the token: 401 without it, 403 with a wrong one; reading needs none', async () => {
    await problem(await post('/workflows/flow/executions', { items: [0] }, { authorization: '' }), 401);
    await problem(await post('/workflows/flow/executions', { items: [0] }, { authorization: 'Bearer wrong' }), 403);
    assert.equal((await fetch(`${server.url}/workflows/flow/executions`)).status, 200);
  });

  test('Idempotency-Key: 201, then 200 with the same execution, 409 with another body', async () => {
    const key = `workerd-${uniqueSuffix()}`;
    const first = await start([0], { 'idempotency-key': key });
    const retry = await post('/workflows/flow/executions', { items: [0] }, { 'idempotency-key': key });
    assert.equal(retry.status, 200);
    assert.equal(((await retry.json()) as { executionArn: string }).executionArn, first.executionArn);
    const other = await problem(
      await post('/workflows/flow/executions', { items: [1] }, { 'idempotency-key': key }),
      409,
    );
    assert.match(other.detail, /^Idempotency-Key header: /);
  });

  test('concurrent starts with one key share one execution (single flight across requests in one isolate)', async () => {
    const key = `workerd-race-${uniqueSuffix()}`;
    const answers = await Promise.all(
      [0, 1, 2].map(() => post('/workflows/flow/executions', { items: [0] }, { 'idempotency-key': key })),
    );
    const bodies = (await Promise.all(answers.map((answer) => answer.json()))) as { executionArn: string }[];
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 200, 201]);
    assert.equal(new Set(bodies.map((body) => body.executionArn)).size, 1);
  });

  test('the history: steps by default, raw events with view=events', async () => {
    const { executionArn, links } = await start([0, 0]);
    assert.equal(await waitForEnd(executionArn), 'SUCCEEDED');
    const steps = (await (await fetch(`${server.url}${links.history}`)).json()) as {
      steps: { name: string; status: string; iteration?: number }[];
    };
    assert.deepEqual(
      steps.steps.map((step) => [step.name, step.status, step.iteration ?? null]).sort(),
      [
        ['Echo', 'succeeded', 0],
        ['Echo', 'succeeded', 1],
        ['Fan', 'succeeded', null],
        ['Pause', 'succeeded', null],
      ].sort(),
    );
    const events = (await (await fetch(`${server.url}${links.history}?view=events&limit=3`)).json()) as {
      events: { id: number; type: string; timestamp: string }[];
      nextCursor: string;
    };
    assert.deepEqual(
      events.events.map((event) => event.id),
      [1, 2, 3],
    );
    assert.equal(events.events[0]!.type, 'ExecutionStarted');
    assert.match(events.events[0]!.timestamp, /^\d{4}-\d\d-\d\dT/);
    // The cursor is signed by this isolate's key (STEPFORGE_CURSOR_SECRET makes it valid across isolates).
    const nextPage = `${links.history}?view=events&limit=3&cursor=${encodeURIComponent(events.nextCursor)}`;
    const next = (await (await fetch(`${server.url}${nextPage}`)).json()) as { events: { id: number }[] };
    assert.equal(next.events[0]!.id, 4);
  });

  test('SSE streams events while the execution runs, ends with its status; Last-Event-ID resumes after', async () => {
    const { links, executionArn } = await start([2]);
    let statusAtFirstEvent: Promise<string | undefined> | undefined;
    const all = await readSse((await fetch(`${server.url}${links.stream}`)).body!, () => {
      statusAtFirstEvent ??= sfnClient
        .send(new DescribeExecutionCommand({ executionArn }))
        .then((described) => described.status);
      return false;
    });
    // Streamed, not buffered to the end: the first event was in hand while the 2 s wait still ran.
    assert.equal(await statusAtFirstEvent, 'RUNNING');
    assert.deepEqual(JSON.parse(all.at(-1)!.data), { status: 'SUCCEEDED' });
    const events = all.filter((message) => !message.event);
    assert.equal((JSON.parse(events[0]!.data) as { type: string }).type, 'ExecutionStarted');
    const middle = events[Math.floor(events.length / 2)]!.id!;
    const resumed = await readSse(
      (await fetch(`${server.url}${links.stream}`, { headers: { 'last-event-id': middle } })).body!,
    );
    assert.deepEqual(
      resumed.filter((message) => !message.event).map((message) => Number(message.id)),
      events.map((message) => Number(message.id)).filter((id) => id > Number(middle)),
    );
    assert.equal(resumed.at(-1)!.event, 'end');
  });

  test('a client that goes away stops the polling (workerd cancels the response stream)', async () => {
    const { links, executionArn } = await start([20]);
    const client = new AbortController();
    const response = await fetch(`${server.url}${links.stream}`, { signal: client.signal });
    await readSse(response.body!, (seen) => seen.length >= 1).catch(() => []);
    client.abort();
    // The stream's poll interval grows to 2 s; 3 s after the client left, at most the poll then in flight has run.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const atCancel = proxy.count('GetExecutionHistory');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.ok(
      proxy.count('GetExecutionHistory') <= atCancel + 1,
      `${atCancel} -> ${proxy.count('GetExecutionHistory')}`,
    );
    await sfnClient.send(new StopExecutionCommand({ executionArn }));
  });

  test('stop: 200 ABORTED for a running execution, 409 once it has ended', async () => {
    const { execution } = await start([300]);
    const stopped = await post(`/workflows/flow/executions/${execution}/stop`, {
      error: 'Test.Stop',
      cause: 'asked by the workerd test',
    });
    assert.equal(stopped.status, 200, await stopped.clone().text());
    assert.equal(((await stopped.json()) as { status: string }).status, 'ABORTED');
    await problem(await post(`/workflows/flow/executions/${execution}/stop`, ''), 409);
  });

  test('EXPRESS with Prefer: wait runs to the end through StartSyncExecution: 200 with the output', async () => {
    const response = await post('/workflows/quick/executions', { a: 1 }, { prefer: 'wait' });
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(response.headers.get('preference-applied'), 'wait');
    const body = (await response.json()) as { status: string; output: unknown };
    assert.deepEqual([body.status, body.output], ['SUCCEEDED', { a: 1, r: 'done' }]);
  });
});

describe('workerd: the console', () => {
  test('a workflow page carries its definition from the bundled build; its assets are gzipped in the isolate', async () => {
    const page = await fetch(`${server.url}/ui/workflows/flow`, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-encoding'), 'gzip');
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    const html = await page.text();
    const carried = /data-definition="([^"]*)"/.exec(html)?.[1];
    assert.ok(carried, html);
    const unescaped = carried.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
    assert.deepEqual(JSON.parse(unescaped.replaceAll('&amp;', '&')), STANDARD);
    const assets = [...html.matchAll(/(?:src|href)="(\/ui\/assets\/[^"]+)"/g)].map((match) => match[1]);
    assert.equal(assets.length, 2, html);
    for (const asset of assets) {
      const plain = await fetch(`${server.url}${asset}`, { headers: { 'accept-encoding': 'identity' } });
      const zipped = await fetch(`${server.url}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(plain.headers.get('content-encoding'), null);
      assert.equal(zipped.headers.get('content-encoding'), 'gzip');
      // fetch undoes the gzip: the same script either way, compressed by CompressionStream inside workerd.
      assert.equal(await zipped.text(), await plain.text());
    }
  });
});

describe('workerd: the process', () => {
  test('SIGTERM stops workerd too (no orphan) and exits 0, cutting an open event stream', async () => {
    assert.ok(workerdPids.length > 0, `workerd runs under the serve process: ${server.output()}`);
    const { links } = await start([300]);
    let first: () => void = () => {};
    const started = new Promise<void>((resolve) => (first = resolve));
    const reading = readSse((await fetch(`${server.url}${links.stream}`)).body!, (seen) => {
      first();
      return seen.some((message) => message.event === 'end');
    }).then(
      () => 'ended' as const,
      () => 'cut' as const,
    );
    await started;
    assert.equal(await server.stop(), 0, server.output());
    // On Node the shutdown signal ends the stream's body cleanly; workerd has no shutdown hook, so the
    // connection is cut when it exits: the client sees a network error, not an end of stream.
    assert.equal(await reading, 'cut');
    // miniflare's dispose waits for workerd to exit; still bounded, not assumed.
    const deadline = Date.now() + 5000;
    while (workerdPids.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(workerdPids.filter(isAlive), []);
  });
});
