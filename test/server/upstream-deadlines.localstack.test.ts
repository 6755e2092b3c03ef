// A hung Step Functions: a LocalStack of this test's own, frozen with SIGSTOP while requests are under way. Every
// route answers 504 problem+json within its (short, configured) deadline, the upstream call is aborted, and once the
// LocalStack runs again a retry with the execution name the 504 gave as Idempotency-Key leaves exactly one execution.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { CreateStateMachineCommand, ListExecutionsCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { createLogger, createSfnClient, readAwsConfig } from '../../src/aws/index.ts';
import { localStackPaths, startLocalStack, stopLocalStack } from '../../src/localstack/index.ts';
import {
  type CallOptions,
  createApp,
  memoryBuildReader,
  type SfnPort,
  sfnPortFromClient,
} from '../../src/server/index.ts';
import { freePort } from '../support/free-port.ts';
import { waitForEnd } from '../support/server/localstack-fixture.ts';
import { expectProblem } from '../support/server/problem.ts';

const quiet = createLogger({ pretty: false, level: 'error', write: () => {} });
const DEADLINES = { readMs: 800, startMs: 1200 };
const DEFAULT_READ_MS = 10_000;
const JSON_TYPE = { 'content-type': 'application/json' };

let port: number;
let pid: number;
let client: SFNClient;
let stateMachineArn: string;
let app: ReturnType<typeof createApp>;
/** Every call the app made, with the signal it was given. */
const calls: { readonly operation: string; readonly signal: AbortSignal | undefined }[] = [];

function recording(port: SfnPort): SfnPort {
  const wrapped: Record<string, unknown> = {};
  for (const [operation, call] of Object.entries(port) as [
    string,
    (input: unknown, options?: CallOptions) => Promise<unknown>,
  ][]) {
    wrapped[operation] = (input: unknown, options?: CallOptions) => {
      calls.push({ operation, signal: options?.abortSignal });
      return call(input, options);
    };
  }
  return wrapped as unknown as SfnPort;
}

const freeze = () => process.kill(-pid, 'SIGSTOP');
const thaw = () => {
  try {
    process.kill(-pid, 'SIGCONT');
  } catch {
    // already gone
  }
};

before(async () => {
  port = await freePort();
  const started = await startLocalStack({ port, logger: quiet, timeoutMs: 120_000 });
  assert.ok(started.pid !== undefined && !started.reused, "a LocalStack of this test's own");
  pid = started.pid;
  client = createSfnClient({ ...readAwsConfig(), endpoint: new URL(started.endpoint), forcePathStyle: true });
  const definition = { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 1, End: true } } };
  stateMachineArn = (
    await client.send(
      new CreateStateMachineCommand({
        name: 'frozen',
        definition: JSON.stringify(definition),
        roleArn: 'arn:aws:iam::000000000000:role/test',
      }),
    )
  ).stateMachineArn!;
  app = createApp({
    sfn: recording(sfnPortFromClient(client)),
    build: memoryBuildReader({ 'deployment.json': JSON.stringify({ workflows: { frozen: { stateMachineArn } } }) }),
    logger: quiet,
    upstreamTimeoutMs: DEADLINES,
  });
});

after(async () => {
  if (pid === undefined) return;
  thaw();
  await stopLocalStack({ port, logger: quiet, graceMs: 3000 });
  // A port of its own leaves a volume and a log of its own behind.
  const paths = localStackPaths(port);
  rmSync(paths.volume, { recursive: true, force: true });
  rmSync(paths.log, { force: true });
});

async function timedOut(response: Response, operation: string, ms: number): Promise<Record<string, unknown>> {
  const body = await expectProblem(response, 504);
  assert.equal(body.upstream, 'Step Functions');
  assert.equal(body.operation, operation);
  assert.match(String(body.detail), new RegExp(`^Step Functions: ${operation} did not answer within ${ms} ms`));
  return body;
}

async function executionsNamed(name: string): Promise<number> {
  const listed = await client.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }));
  return (listed.executions ?? []).filter((item) => item.name === name).length;
}

describe('Step Functions frozen (SIGSTOP) during requests', () => {
  let finished: string;
  let timedOutStart: Record<string, unknown>;
  let timedOutKeyed: string;

  before(async () => {
    const warm = await app.request('/workflows/frozen/executions', { method: 'POST', headers: JSON_TYPE, body: '{}' });
    finished = ((await warm.json()) as { execution: string }).execution;
  });

  test('every route answers 504 problem+json naming Step Functions, within the configured deadline, and gives up the call', async (t) => {
    freeze();
    try {
      const first = calls.length;
      const begin = Date.now();
      const timed = async (work: Response | Promise<Response>) => {
        const value = await work;
        return { value, ms: Date.now() - begin };
      };
      timedOutKeyed = `keyed-${Date.now().toString(36)}`;
      const [start, keyed, list, describe, history, events, stream, stop] = await Promise.all([
        timed(app.request('/workflows/frozen/executions', { method: 'POST', headers: JSON_TYPE, body: '{"n":1}' })),
        timed(
          app.request('/workflows/frozen/executions', {
            method: 'POST',
            headers: { ...JSON_TYPE, 'idempotency-key': timedOutKeyed },
            body: '{"n":2}',
          }),
        ),
        timed(app.request('/workflows/frozen/executions')),
        timed(app.request(`/workflows/frozen/executions/${finished}`)),
        timed(app.request(`/workflows/frozen/executions/${finished}/history`)),
        timed(app.request(`/workflows/frozen/executions/${finished}/history?view=events`)),
        timed(app.request(`/workflows/frozen/executions/${finished}/stream`)),
        timed(app.request(`/workflows/frozen/executions/${finished}/stop`, { method: 'POST' })),
      ]);
      timedOutStart = await timedOut(start.value, 'StartExecution', DEADLINES.startMs);
      // A keyed POST first asks whether the workflow is EXPRESS (keys are refused there).
      await timedOut(keyed.value, 'DescribeStateMachine', DEADLINES.readMs);
      await timedOut(list.value, 'ListExecutions', DEADLINES.readMs);
      await timedOut(describe.value, 'DescribeExecution', DEADLINES.readMs);
      await timedOut(history.value, 'GetExecutionHistory', DEADLINES.readMs);
      await timedOut(events.value, 'GetExecutionHistory', DEADLINES.readMs);
      await timedOut(stream.value, 'DescribeExecution', DEADLINES.readMs);
      await timedOut(stop.value, 'DescribeExecution', DEADLINES.readMs);
      // Bounded by the configured deadlines, not the 10 s default (and not for ever, as before).
      for (const { ms } of [start, keyed, list, describe, history, events, stream, stop])
        assert.ok(ms < DEFAULT_READ_MS, `${ms} ms`);
      t.diagnostic(
        `answered after ${[start, keyed, list, describe, history, events, stream, stop].map(({ ms }) => ms).join(', ')} ms`,
      );
      const made = calls.slice(first);
      assert.ok(made.length >= 8);
      for (const call of made) assert.equal(call.signal?.aborted, true, `${call.operation} was given up`);
    } finally {
      thaw();
    }
  });

  test('the timed-out start names its execution; a retry with it as Idempotency-Key leaves exactly one', async (t) => {
    const name = String(timedOutStart.execution);
    assert.equal(timedOutStart.idempotencyKey, name);
    assert.match(
      String(timedOutStart.detail),
      new RegExp(`POST the same body again with the header Idempotency-Key: ${name}`),
    );
    // The hung StartExecution may land after the thaw, before or after this retry: either way one execution.
    const retry = await app.request('/workflows/frozen/executions', {
      method: 'POST',
      headers: { ...JSON_TYPE, 'idempotency-key': name },
      body: '{"n":1}',
    });
    assert.ok(retry.status === 200 || retry.status === 201, await retry.clone().text());
    t.diagnostic(
      retry.status === 200
        ? 'the hung start had landed; the retry found it'
        : 'the hung start had not landed; the retry started it',
    );
    const { executionArn } = (await retry.json()) as { executionArn: string };
    assert.equal(executionArn, timedOutStart.executionArn);
    assert.equal(await waitForEnd(executionArn, client), 'SUCCEEDED');
    assert.equal(await executionsNamed(name), 1);
  });

  test('a keyed POST that timed out before starting starts once on retry', async () => {
    const retry = await app.request('/workflows/frozen/executions', {
      method: 'POST',
      headers: { ...JSON_TYPE, 'idempotency-key': timedOutKeyed },
      body: '{"n":2}',
    });
    assert.equal(retry.status, 201, await retry.clone().text());
    const again = await app.request('/workflows/frozen/executions', {
      method: 'POST',
      headers: { ...JSON_TYPE, 'idempotency-key': timedOutKeyed },
      body: '{"n":2}',
    });
    assert.equal(again.status, 200);
    assert.equal(await executionsNamed(timedOutKeyed), 1);
  });
});
