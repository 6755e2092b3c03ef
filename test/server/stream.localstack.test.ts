// The SSE stream against LocalStack: events as they happen, `end` with the final status, Last-Event-ID resume.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp, type SfnPort } from '../../src/server/index.ts';
import {
  type DeployedFixture,
  deployFixture,
  localstackAppOptions,
  sfnClient,
  waitForEnd,
} from '../support/server/localstack-fixture.ts';
import { readSse } from '../support/server/sse.ts';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';

const DEFINITION = {
  StartAt: 'Pause',
  States: {
    Pause: { Type: 'Wait', SecondsPath: '$.seconds', Next: 'Finish' },
    Finish: { Type: 'Pass', End: true },
  },
};

let fixture: DeployedFixture;
let app: ReturnType<typeof createApp>;

async function start(seconds: number): Promise<{ execution: string; executionArn: string }> {
  const response = await app.request(`/workflows/${fixture.workflow}/executions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seconds }),
  });
  assert.equal(response.status, 201);
  return (await response.json()) as { execution: string; executionArn: string };
}

before(async () => {
  fixture = await deployFixture('waiter', DEFINITION, undefined);
  app = createApp(localstackAppOptions(fixture.files));
});
after(async () => fixture.remove());

describe('GET .../stream', () => {
  test('sends each history event as it happens (id = event id), then end with the final status', async () => {
    const { execution, executionArn } = await start(2);
    const response = await app.request(`/workflows/${fixture.workflow}/executions/${execution}/stream`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const messages = await readSse(response.body!);
    const history = await sfnClient.send(new GetExecutionHistoryCommand({ executionArn }));
    const events = messages.filter((message) => message.event === undefined);
    assert.deepEqual(
      events.map((message) => Number(message.id)),
      (history.events ?? []).map((event) => event.id),
    );
    assert.deepEqual(
      events.map((message) => (JSON.parse(message.data) as { type: string }).type),
      (history.events ?? []).map((event) => event.type),
    );
    const end = messages.at(-1)!;
    assert.equal(end.event, 'end');
    assert.deepEqual(JSON.parse(end.data), { status: 'SUCCEEDED' });
  });

  test('the first events arrive while the execution still runs', async () => {
    const { execution, executionArn } = await start(3);
    const response = await app.request(`/workflows/${fixture.workflow}/executions/${execution}/stream`);
    const firstTwo = await readSse(response.body!, (seen) => seen.length >= 2);
    assert.equal(firstTwo.length, 2);
    const { DescribeExecutionCommand } = await import('@aws-sdk/client-sfn');
    assert.equal((await sfnClient.send(new DescribeExecutionCommand({ executionArn }))).status, 'RUNNING');
    await waitForEnd(executionArn);
  });

  test('Last-Event-ID resumes with only what was missed', async () => {
    const { execution, executionArn } = await start(0);
    await waitForEnd(executionArn);
    const path = `/workflows/${fixture.workflow}/executions/${execution}/stream`;
    const all = (await readSse((await app.request(path)).body!)).filter((message) => message.event === undefined);
    const resumeAfter = all[2]!.id!;
    const resumed = await readSse((await app.request(path, { headers: { 'last-event-id': resumeAfter } })).body!);
    assert.deepEqual(
      resumed.filter((message) => message.event === undefined).map((message) => message.id),
      all.slice(3).map((message) => message.id),
    );
    assert.equal(resumed.at(-1)!.event, 'end');
    const afterLast = await readSse((await app.request(path, { headers: { 'last-event-id': all.at(-1)!.id! } })).body!);
    assert.deepEqual(
      afterLast.map((message) => message.event),
      ['end'],
    );
  });

  test('a client that goes away stops the polling', async () => {
    let historyCalls = 0;
    const options = localstackAppOptions(fixture.files);
    const counting: SfnPort = {
      ...options.sfn,
      getExecutionHistory: (input) => {
        historyCalls++;
        return options.sfn.getExecutionHistory(input);
      },
    };
    const countingApp = createApp({ ...options, sfn: counting });
    const { execution, executionArn } = await start(4);
    const response = await countingApp.request(`/workflows/${fixture.workflow}/executions/${execution}/stream`);
    await readSse(response.body!, (seen) => seen.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const atCancel = historyCalls;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.ok(historyCalls <= atCancel + 1, `polling stopped (${atCancel} -> ${historyCalls})`);
    await waitForEnd(executionArn);
  });

  test('unknown execution 404, unknown workflow 404, malformed Last-Event-ID 400 naming the header', async () => {
    const unknown = await app.request(`/workflows/${fixture.workflow}/executions/never-ran/stream`);
    assert.equal(unknown.status, 404);
    assert.equal((await app.request('/workflows/ghost/executions/x/stream')).status, 404);
    const bad = await app.request(`/workflows/${fixture.workflow}/executions/x/stream`, {
      headers: { 'last-event-id': 'abc' },
    });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { detail: string }).detail, /^Last-Event-ID header: /);
  });
});
