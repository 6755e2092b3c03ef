// redrive(run): a FAILED run goes on in the same history from the state that failed, and Parallel branches, Map
// iterations and Distributed Map child executions that succeeded are not run again
// (https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, RunnerError, redrive, runWorkflow, type TaskCall } from '../../src/testing/index.ts';
import type { JsonObject, JsonValue } from '../../src/testing/json.ts';
import { eventTypes, machine } from './support.ts';

const task = (next?: string, extra: JsonObject = {}): JsonObject => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  ...(next ? { Next: next } : { End: true }),
  ...extra,
});

/** A mock that counts its calls by input, answering `answer(input)`. */
function counted(answer: (input: JsonValue) => JsonValue): {
  handler: (call: TaskCall) => JsonValue;
  calls: JsonValue[];
} {
  const calls: JsonValue[] = [];
  return {
    calls,
    handler: ({ input }) => {
      calls.push(input);
      return answer(input);
    },
  };
}

describe('redrive', () => {
  it('restarts at the failed state with its input and the variables, and continues the history', async () => {
    const definition = machine({
      Start: { Type: 'Pass', Assign: { greeting: 'hello' }, Next: 'A' },
      A: task('B', { ResultPath: '$.a' }),
      B: task(undefined, {
        Parameters: { 'a.$': '$.a', 'greeting.$': '$greeting', 'redrives.$': '$$.Execution.RedriveCount' },
      }),
    });
    const a = counted(() => 'from A');
    const failed = await runWorkflow(definition, {}, { tasks: { A: a.handler, B: fail('B.Down', 'not yet') } });
    assert.equal(failed.status, 'FAILED');
    const b = counted((input) => input);
    const redriven = await redrive(failed, { tasks: { A: a.handler, B: b.handler } });
    assert.equal(redriven.status, 'SUCCEEDED', redriven.cause);
    assert.equal(a.calls.length, 1, 'A succeeded before: not run again');
    assert.deepEqual(redriven.output, { a: 'from A', greeting: 'hello', redrives: 1 });
    // The same history, going on: ExecutionRedriven after ExecutionFailed, then the failed state again.
    const before = failed.events.length;
    assert.deepEqual(redriven.events.slice(0, before), failed.events);
    assert.deepEqual(eventTypes(redriven).slice(before - 1, before + 2), [
      'ExecutionFailed',
      'ExecutionRedriven',
      'TaskStateEntered',
    ]);
    const event = redriven.events[before];
    assert.deepEqual(event?.executionRedrivenEventDetails, { redriveCount: 1 });
    assert.equal(event?.previousEventId, before);
    assert.equal(redriven.events[before + 1]?.previousEventId, before + 1);
    assert.deepEqual(redriven.path, ['Start', 'A', 'B', 'B']);
    assert.equal(eventTypes(redriven).at(-1), 'ExecutionSucceeded');
  });
  it('reruns only the failed branch of a Parallel state', async () => {
    const definition = machine({
      Fan: {
        Type: 'Parallel',
        Branches: [machine({ Left: task() }), machine({ Right: task() })],
        End: true,
      },
    });
    const left = counted(() => 'left');
    const failed = await runWorkflow(definition, {}, { tasks: { Left: left.handler, Right: fail('Right.Down') } });
    assert.equal(failed.status, 'FAILED');
    const right = counted(() => 'right');
    const redriven = await redrive(failed, { tasks: { Left: left.handler, Right: right.handler } });
    assert.deepEqual(redriven.output, ['left', 'right']);
    assert.equal(left.calls.length, 1);
    assert.equal(right.calls.length, 1);
  });
  it('reruns only the failed iterations of an inline Map, and counts a second redrive', async () => {
    const definition = machine({ Each: { Type: 'Map', ItemProcessor: machine({ Work: task() }), End: true } });
    const down = new Set([2, 3]);
    const work = counted((input) => {
      if (down.has(input as number)) throw Object.assign(new Error('down'), { error: 'Work.Down' });
      return (input as number) * 10;
    });
    const failed = await runWorkflow(definition, [1, 2, 3], { tasks: { Work: work.handler } });
    assert.equal(failed.status, 'FAILED');
    const firstCalls = work.calls.length;
    down.delete(2);
    const again = await redrive(failed);
    assert.equal(again.status, 'FAILED');
    down.delete(3);
    const done = await redrive(again);
    assert.deepEqual(done.output, [10, 20, 30]);
    // Item 1 ran once in all; the first run may have aborted item 3 before it was called.
    assert.equal(work.calls.filter((input) => input === 1).length, 1);
    assert.ok(work.calls.length - firstCalls <= 3);
    assert.deepEqual(
      done.events
        .filter((event) => event.type === 'ExecutionRedriven')
        .map((event) => event.executionRedrivenEventDetails),
      [{ redriveCount: 1 }, { redriveCount: 2 }],
    );
  });
  it('redrives a Distributed Map Run: same Map Run ARN, MapRunRedriven, only the failed child executions', async () => {
    const definition = machine({
      Each: {
        Type: 'Map',
        ItemProcessor: machine(
          {
            Work: task(undefined, {
              Parameters: { 'n.$': '$', 'redrives.$': '$$.Execution.RedriveCount', 'context.$': '$$.Execution' },
            }),
          },
          { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
        ),
        ToleratedFailureCount: 0,
        End: true,
      },
    });
    const work = counted((input) => {
      const { n, redrives } = input as { n: number; redrives: number };
      if (n === 2) throw Object.assign(new Error('down'), { error: 'Work.Down' });
      return { n, redrives };
    });
    const failed = await runWorkflow(definition, [1, 2], { tasks: { Work: work.handler } });
    assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
    const fixed = counted((input) => {
      const { n, redrives } = input as { n: number; redrives: number };
      return { n, redrives };
    });
    const redriven = await redrive(failed, { tasks: { Work: fixed.handler } });
    assert.equal(redriven.status, 'SUCCEEDED', redriven.cause);
    assert.deepEqual(redriven.output, [
      { n: 1, redrives: 0 },
      { n: 2, redrives: 1 },
    ]);
    assert.equal(fixed.calls.length, 1);
    // The redriven child's Context object has its own RedriveCount and RedriveTime (Standard children).
    const { context } = fixed.calls[0] as { context: JsonObject };
    assert.equal(context.RedriveCount, 1);
    assert.equal(typeof context.RedriveTime, 'string');
    assert.equal(
      (work.calls[0] as { context: JsonObject }).context.RedriveTime,
      undefined,
      'no RedriveTime before a redrive',
    );
    const [firstRun] = failed.mapRuns;
    const [secondRun] = redriven.mapRuns;
    assert.equal(secondRun?.mapRunArn, firstRun?.mapRunArn);
    const redrivenEvent = redriven.events.find((event) => event.type === 'MapRunRedriven');
    assert.deepEqual(redrivenEvent?.mapRunRedrivenEventDetails, { mapRunArn: firstRun?.mapRunArn, redriveCount: 1 });
    const child = secondRun?.executions.find((execution) => execution.index === 1);
    const original = firstRun?.executions.find((execution) => execution.index === 1);
    assert.equal(child?.executionArn, original?.executionArn);
    assert.equal(child?.redriveCount, 1);
    // The child's own history goes on too: what it had, ExecutionRedriven, its failed Task again, success.
    const types = child?.events.map((event) => event.type) ?? [];
    assert.deepEqual(
      types.slice(0, original?.events.length),
      original?.events.map((event) => event.type),
    );
    assert.deepEqual(types.slice(original?.events.length).slice(0, 2), ['ExecutionRedriven', 'TaskStateEntered']);
    assert.equal(types.at(-1), 'ExecutionSucceeded');
  });
  it('a run that SUCCEEDED cannot be redriven', async () => {
    const run = await runWorkflow(machine({ P: { Type: 'Pass', End: true } }), {});
    await assert.rejects(
      redrive(run),
      (error: unknown) => error instanceof RunnerError && /SUCCEEDED/.test(error.message),
    );
  });
});

describe('redrive of a TIMED_OUT run', () => {
  it('starts again at the state the timeout stopped, even when its mock ignored the abort', async () => {
    const definition = { TimeoutSeconds: 5, ...machine({ A: task('B'), B: task() }) };
    const a = counted(() => 'a');
    const timedOut = await runWorkflow(definition, {}, { tasks: { A: a.handler, B: () => new Promise(() => {}) } });
    assert.equal(timedOut.status, 'TIMED_OUT');
    const redriven = await redrive(timedOut, { tasks: { A: a.handler, B: () => 'b' } });
    assert.equal(redriven.status, 'SUCCEEDED');
    assert.equal(redriven.output, 'b');
    assert.equal(a.calls.length, 1);
    assert.deepEqual(eventTypes(redriven).slice(timedOut.events.length - 1, timedOut.events.length + 2), [
      'ExecutionTimedOut',
      'ExecutionRedriven',
      'TaskStateEntered',
    ]);
    // The steps view folds the whole history, redrive included.
    assert.deepEqual(
      redriven.steps.map((step) => [step.name, step.status]),
      [
        ['A', 'succeeded'],
        ['B', 'timed_out'],
        ['B', 'succeeded'],
      ],
    );
  });
});
