// Task: mocks by name and by resource, named failures, Retry (interval, backoff, MaxAttempts 0, MaxDelaySeconds,
// seeded FULL jitter), Catch (order, States.ALL, ResultPath of the error output), TimeoutSeconds and
// HeartbeatSeconds in virtual time, and the events of each attempt.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, failOn, RunnerError, runWorkflow, TaskFailure } from '../../src/testing/index.ts';
import type { JsonObject } from '../../src/testing/json.ts';
import { eventTypes, machine } from './support.ts';

const RESOURCE = 'arn:aws:states:::lambda:invoke';
const task = (extra: JsonObject = {}): JsonObject => ({ Type: 'Task', Resource: RESOURCE, End: true, ...extra });
const retryTimes = (run: Awaited<ReturnType<typeof runWorkflow>>): number[] => {
  const scheduled = run.events
    .filter((event) => event.type === 'TaskScheduled')
    .map((event) => event.timestamp.getTime());
  return scheduled.slice(1).map((time, index) => (time - (scheduled[index] as number)) / 1000);
};

describe('Task mocks', () => {
  it('answers by state name, else by resource ARN, and records Task events', async () => {
    const byName = await runWorkflow(
      machine({ T: task() }),
      { a: 1 },
      { tasks: { T: ({ input }) => ({ got: input }) } },
    );
    assert.deepEqual(byName.output, { got: { a: 1 } });
    assert.deepEqual(eventTypes(byName), [
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    assert.deepEqual(byName.events[2]?.taskScheduledEventDetails, {
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'us-east-1',
      parameters: '{"a":1}',
    });
    const byResource = await runWorkflow(machine({ T: task() }), {}, { tasks: { [RESOURCE]: () => 'r' } });
    assert.equal(byResource.output, 'r');
  });
  it('rejects (not a failed execution) when a reached Task has no mock, naming the state', async () => {
    await assert.rejects(
      runWorkflow(machine({ Missing: task() }), {}),
      (error: unknown) => error instanceof RunnerError && /"Missing"/.test(error.message),
    );
  });
  it('fail(error, cause) and thrown TaskFailures fail the execution with that error', async () => {
    const run = await runWorkflow(
      machine({ T: task() }),
      {},
      { tasks: { T: fail('Payment.Declined', 'card expired') } },
    );
    assert.deepEqual([run.status, run.error, run.cause], ['FAILED', 'Payment.Declined', 'card expired']);
    assert.deepEqual(eventTypes(run).slice(-2), ['TaskFailed', 'ExecutionFailed']);
    const thrown = await runWorkflow(
      machine({ T: task() }),
      {},
      {
        tasks: {
          T: () => {
            throw new TaskFailure('X.Y', 'why');
          },
        },
      },
    );
    assert.deepEqual([thrown.error, thrown.cause], ['X.Y', 'why']);
  });
});

describe('Retry', () => {
  it('retries with IntervalSeconds * BackoffRate^n and succeeds on the last attempt', async () => {
    const run = await runWorkflow(
      machine({ T: task({ Retry: [{ ErrorEquals: ['E'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 }] }) }),
      {},
      { tasks: { T: failOn([1, 2, 3], { error: 'E' }, () => 'ok') } },
    );
    assert.equal(run.output, 'ok');
    assert.deepEqual(retryTimes(run), [2, 6, 18]);
    assert.equal(run.steps[0]?.attempts, 4);
  });
  it('gives up after MaxAttempts (0: never retries) and defaults to 3 attempts, 1 s, x2', async () => {
    const never = await runWorkflow(
      machine({ T: task({ Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }] }) }),
      {},
      { tasks: { T: fail('E') } },
    );
    assert.equal(never.events.filter((event) => event.type === 'TaskScheduled').length, 1);
    const defaults = await runWorkflow(
      machine({ T: task({ Retry: [{ ErrorEquals: ['States.ALL'] }] }) }),
      {},
      { tasks: { T: fail('E') } },
    );
    assert.deepEqual(retryTimes(defaults), [1, 2, 4]);
    assert.equal(defaults.error, 'E');
  });
  it('caps delays at MaxDelaySeconds; FULL jitter draws below the cap, repeatably for a seed', async () => {
    const definition = (jitter: string): JsonObject =>
      machine({
        T: task({
          Retry: [
            {
              ErrorEquals: ['E'],
              IntervalSeconds: 4,
              BackoffRate: 2,
              MaxAttempts: 4,
              MaxDelaySeconds: 10,
              JitterStrategy: jitter,
            },
          ],
        }),
      });
    const capped = await runWorkflow(definition('NONE'), {}, { tasks: { T: fail('E') } });
    assert.deepEqual(retryTimes(capped), [4, 8, 10, 10]);
    const jittered = await runWorkflow(definition('FULL'), {}, { tasks: { T: fail('E') }, seed: 5 });
    const again = await runWorkflow(definition('FULL'), {}, { tasks: { T: fail('E') }, seed: 5 });
    assert.deepEqual(retryTimes(jittered), retryTimes(again));
    for (const [index, seconds] of retryTimes(jittered).entries())
      assert.ok(seconds >= 0 && seconds <= ([4, 8, 10, 10][index] as number));
    assert.notDeepEqual(retryTimes(jittered), [4, 8, 10, 10]);
  });
  it('uses the first matching Retrier only, and counts $$.State.RetryCount', async () => {
    const counts: unknown[] = [];
    const run = await runWorkflow(
      machine({
        T: task({
          Parameters: { 'retry.$': '$$.State.RetryCount' },
          Retry: [
            { ErrorEquals: ['E'], MaxAttempts: 1 },
            { ErrorEquals: ['States.ALL'], MaxAttempts: 5 },
          ],
        }),
      }),
      {},
      {
        tasks: {
          T: ({ input }) => {
            counts.push((input as { retry: number }).retry);
            throw new TaskFailure('E');
          },
        },
      },
    );
    assert.deepEqual(counts, [0, 1]);
    assert.equal(run.error, 'E');
  });
});

describe('Catch', () => {
  const catching = (catchers: JsonObject[]): JsonObject =>
    machine({ T: task({ Catch: catchers }), A: { Type: 'Pass', End: true }, B: { Type: 'Pass', End: true } });
  it('takes the first matching Catcher, with the error output at its ResultPath', async () => {
    const run = await runWorkflow(
      catching([
        { ErrorEquals: ['Other'], Next: 'A' },
        { ErrorEquals: ['E'], ResultPath: '$.error', Next: 'B' },
        { ErrorEquals: ['States.ALL'], Next: 'A' },
      ]),
      { keep: 1 },
      { tasks: { T: fail('E', 'boom') } },
    );
    assert.deepEqual(run.path, ['T', 'B']);
    assert.deepEqual(run.output, { keep: 1, error: { Error: 'E', Cause: 'boom' } });
    assert.equal(run.steps[0]?.status, 'caught');
    assert.deepEqual(eventTypes(run).slice(2, 7), [
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskStateExited',
      'PassStateEntered',
    ]);
  });
  it('States.ALL catches task errors but not States.Runtime; the default ResultPath replaces the input', async () => {
    const caught = await runWorkflow(
      catching([{ ErrorEquals: ['States.ALL'], Next: 'A' }]),
      { keep: 1 },
      { tasks: { T: fail('Any.Error', 'c') } },
    );
    assert.deepEqual(caught.output, { Error: 'Any.Error', Cause: 'c' });
    const runtime = await runWorkflow(
      machine({
        T: task({ ResultSelector: { 'x.$': '$.missing' }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'A' }] }),
        A: { Type: 'Pass', End: true },
      }),
      {},
      { tasks: { T: () => ({}) } },
    );
    assert.equal(runtime.error, 'States.Runtime');
  });
  it('States.TaskFailed matches task errors but not States.Timeout', async () => {
    const run = await runWorkflow(
      machine({
        T: task({ TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'A' }] }),
        A: { Type: 'Pass', End: true },
      }),
      {},
      { tasks: { T: ({ sleep }) => sleep(60).then(() => 'late') } },
    );
    assert.equal(run.error, 'States.Timeout');
  });
});

describe('TimeoutSeconds and HeartbeatSeconds (virtual time)', () => {
  it('times a slow task out with States.Timeout and a TaskTimedOut event, taking no real time', {
    timeout: 60_000,
  }, async () => {
    const run = await runWorkflow(
      machine({ T: task({ TimeoutSeconds: 3600 }) }),
      {},
      { tasks: { T: ({ sleep }) => sleep(7200).then(() => 'late') } },
    );
    assert.equal(run.error, 'States.Timeout');
    assert.deepEqual(eventTypes(run).slice(-2), ['TaskTimedOut', 'ExecutionFailed']);
    assert.equal(run.events.at(-1)?.timestamp.toISOString(), '2026-01-01T01:00:00.000Z');
  });
  it('TimeoutSecondsPath reads the timeout from the input; a fast task is not timed out', async () => {
    const run = await runWorkflow(
      machine({ T: task({ TimeoutSecondsPath: '$.limit' }) }),
      { limit: 10 },
      { tasks: { T: ({ sleep }) => sleep(5).then(() => 'done') } },
    );
    assert.equal(run.output, 'done');
  });
  it('fails with States.HeartbeatTimeout when heartbeats stop, not while they come', async () => {
    const beating = await runWorkflow(
      machine({ T: task({ HeartbeatSeconds: 10 }) }),
      {},
      {
        tasks: {
          T: async ({ sleep, heartbeat }) => {
            for (let beat = 0; beat < 5; beat += 1) {
              await sleep(8);
              heartbeat();
            }
            return 'alive';
          },
        },
      },
    );
    assert.equal(beating.output, 'alive');
    const silent = await runWorkflow(
      machine({ T: task({ HeartbeatSeconds: 10 }) }),
      {},
      { tasks: { T: ({ sleep }) => sleep(30).then(() => 'late') } },
    );
    assert.equal(silent.error, 'States.HeartbeatTimeout');
  });
  it('times the whole execution out (TimeoutSeconds of the machine) as TIMED_OUT', async () => {
    const run = await runWorkflow(
      machine({ W: { Type: 'Wait', Seconds: 600, End: true } }, { TimeoutSeconds: 60 }),
      {},
    );
    assert.equal(run.status, 'TIMED_OUT');
    assert.equal(eventTypes(run).at(-1), 'ExecutionTimedOut');
  });
  it('gives .waitForTaskToken tasks a token in $$.Task.Token', async () => {
    const run = await runWorkflow(
      machine({
        T: task({
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { 'token.$': '$$.Task.Token' },
        }),
      }),
      {},
      {
        tasks: {
          T: ({ input, taskToken }) => ({
            same: (input as { token: string }).token === taskToken && typeof taskToken === 'string',
          }),
        },
      },
    );
    assert.deepEqual(run.output, { same: true });
  });
});

describe('task tokens and callbacks', () => {
  const WAIT = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
  const branches = (waiter: JsonObject): JsonObject =>
    machine({
      P: {
        Type: 'Parallel',
        Branches: [
          machine({ Waiter: task({ Resource: WAIT, ...waiter }) }),
          machine({ Delay: { Type: 'Wait', Seconds: 30, Next: 'Worker' }, Worker: task() }),
        ],
        End: true,
      },
    });
  it('a .waitForTaskToken task waits until another mock answers its token with sendTaskSuccess', async () => {
    let token = '';
    const run = await runWorkflow(
      branches({}),
      {},
      {
        tasks: {
          Waiter: (call) => {
            token = call.taskToken ?? '';
            return call.waitForCallback();
          },
          Worker: (call) => {
            call.sendTaskSuccess(token, { done: true });
            return 'sent';
          },
        },
      },
    );
    assert.deepEqual(run.output, [{ done: true }, 'sent']);
    const succeeded = run.events.find((event) => event.type === 'TaskSucceeded');
    assert.equal(succeeded?.timestamp.toISOString(), '2026-01-01T00:00:30.000Z');
  });
  it('sendTaskFailure fails the waiting task with that error; a heartbeat by token keeps it alive', async () => {
    let token = '';
    const run = await runWorkflow(
      branches({ HeartbeatSeconds: 20 }),
      {},
      {
        tasks: {
          Waiter: (call) => {
            token = call.taskToken ?? '';
            return call.waitForCallback();
          },
          Worker: (call) => call.sendTaskFailure(token, 'Worker.Failed', 'no luck'),
        },
      },
    );
    assert.equal(run.error, 'States.HeartbeatTimeout');
    const beating = await runWorkflow(
      machine({
        P: {
          Type: 'Parallel',
          Branches: [
            machine({ Waiter: task({ Resource: WAIT, HeartbeatSeconds: 20 }) }),
            machine({
              D1: { Type: 'Wait', Seconds: 15, Next: 'Beat' },
              Beat: { Type: 'Task', Resource: RESOURCE, Next: 'D2' },
              D2: { Type: 'Wait', Seconds: 15, Next: 'Worker' },
              Worker: task(),
            }),
          ],
          End: true,
        },
      }),
      {},
      {
        tasks: {
          Waiter: (call) => {
            token = call.taskToken ?? '';
            return call.waitForCallback();
          },
          Beat: (call) => call.sendTaskHeartbeat(token),
          Worker: (call) => call.sendTaskFailure(token, 'Worker.Failed', 'no luck'),
        },
      },
    );
    assert.deepEqual([beating.error, beating.cause], ['Worker.Failed', 'no luck']);
  });
  it('waitForCallback on a task without a token rejects the run, naming the state', async () => {
    await assert.rejects(
      runWorkflow(machine({ T: task() }), {}, { tasks: { T: (call) => call.waitForCallback() } }),
      /"T" has no task token/,
    );
  });
});
