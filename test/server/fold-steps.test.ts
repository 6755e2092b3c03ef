// The steps view's folding, over histories recorded from LocalStack (fixtures/*.history.json, written by
// fixtures/record-histories.ts) and hand-written ones for what LocalStack cannot easily produce.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  branchResolverFromAsl,
  foldSteps,
  type HistoryEventLike,
  type StepRow,
} from '../../src/server/history/index.ts';

function recorded(name: string): { definition: unknown; events: HistoryEventLike[] } {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.history.json`, import.meta.url), 'utf8'));
}

function foldRecorded(name: string): StepRow[] {
  const { definition, events } = recorded(name);
  return foldSteps(events, branchResolverFromAsl(definition));
}

const summary = (rows: StepRow[]) =>
  rows.map((row) => [row.name, row.type, row.status, row.iteration ?? row.branch ?? null]);

/** A hand-written event: ids count up, timestamps are a second apart. */
function ev(id: number, previousEventId: number, type: string, details?: Record<string, unknown>): HistoryEventLike {
  const key = type.endsWith('StateEntered')
    ? 'stateEnteredEventDetails'
    : type.endsWith('StateExited')
      ? 'stateExitedEventDetails'
      : `${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`;
  return {
    id,
    previousEventId,
    type,
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, id)).toISOString(),
    ...(details ? { [key]: details } : {}),
  };
}

describe('recorded LocalStack histories', () => {
  test('Map: one row per state per iteration, marked with the iteration index, though iterations interleave', () => {
    const rows = foldRecorded('map');
    assert.deepEqual(summary(rows), [
      ['Items', 'Map', 'succeeded', null],
      ['Double', 'Pass', 'succeeded', 0],
      ['Done', 'Succeed', 'succeeded', 0],
      ['Double', 'Pass', 'succeeded', 2],
      ['Done', 'Succeed', 'succeeded', 2],
      ['Double', 'Pass', 'succeeded', 1],
      ['Done', 'Succeed', 'succeeded', 1],
    ]);
    const iterationTwo = rows.find((row) => row.name === 'Double' && row.iteration === 2)!;
    assert.deepEqual(iterationTwo.scope, [{ state: 'Items', iteration: 2 }]);
    assert.equal(iterationTwo.parent, 'Items');
    assert.equal(iterationTwo.input, 3);
    assert.deepEqual(iterationTwo.output, { value: 3 });
    assert.deepEqual(rows[0]!.output, [{ value: 1 }, { value: 2 }, { value: 3 }]);
  });

  test('Parallel: branch index from the definition even when the second branch starts first', () => {
    const rows = foldRecorded('parallel');
    assert.deepEqual(summary(rows), [
      ['Both', 'Parallel', 'succeeded', null],
      ['Right', 'Wait', 'succeeded', 1],
      ['Left', 'Pass', 'succeeded', 0],
      ['RightAfter', 'Pass', 'succeeded', 1],
      ['Pick', 'Choice', 'succeeded', null],
      ['Yes', 'Succeed', 'succeeded', null],
    ]);
    const wait = rows[1]!;
    assert.ok(wait.durationMs !== null && wait.durationMs >= 900, 'the Wait of one second lasted about that');
  });

  test('Retry then Catch: attempts counted across retries, each failed attempt with error and cause', () => {
    const [fetch, recovered] = foldRecorded('retry');
    assert.equal(fetch!.status, 'caught');
    assert.equal(fetch!.attempts, 3);
    assert.deepEqual(
      fetch!.failedAttempts.map((attempt) => [attempt.attempt, attempt.error]),
      [
        [1, 'S3.S3Exception'],
        [2, 'S3.S3Exception'],
        [3, 'S3.S3Exception'],
      ],
    );
    assert.equal(fetch!.error, 'S3.S3Exception');
    assert.equal(typeof fetch!.cause, 'string');
    assert.equal(recovered!.name, 'Recovered');
    assert.equal(recovered!.status, 'succeeded');
    assert.equal(recovered!.error, null);
  });

  test('retries exhausted without Catch: the step failed, with the execution', () => {
    const [fetch] = foldRecorded('failed');
    assert.equal(fetch!.status, 'failed');
    assert.equal(fetch!.attempts, 2);
    assert.equal(fetch!.failedAttempts.length, 2);
    assert.ok(fetch!.endedAt !== null);
  });
});

describe('hand-written histories', () => {
  test('Parallel without a definition numbers branches in order of appearance', () => {
    const events = [
      ev(1, 0, 'ExecutionStarted', { input: '{}' }),
      ev(2, 0, 'ParallelStateEntered', { name: 'P', input: '{}' }),
      ev(3, 2, 'ParallelStateStarted'),
      ev(4, 3, 'PassStateEntered', { name: 'A', input: '{}' }),
      ev(5, 3, 'PassStateEntered', { name: 'B', input: '{}' }),
      ev(6, 4, 'PassStateExited', { name: 'A', output: '1' }),
      ev(7, 5, 'PassStateExited', { name: 'B', output: '2' }),
      ev(8, 7, 'ParallelStateSucceeded'),
      ev(9, 7, 'ParallelStateExited', { name: 'P', output: '[1,2]' }),
      ev(10, 9, 'ExecutionSucceeded', { output: '[1,2]' }),
    ];
    assert.deepEqual(summary(foldSteps(events)), [
      ['P', 'Parallel', 'succeeded', null],
      ['A', 'Pass', 'succeeded', 0],
      ['B', 'Pass', 'succeeded', 1],
    ]);
  });

  test('activity retries: timed-out and failed attempts, then success', () => {
    const events = [
      ev(1, 0, 'ExecutionStarted', { input: '{}' }),
      ev(2, 0, 'TaskStateEntered', { name: 'Zip', input: '{"a":1}' }),
      ev(3, 2, 'ActivityScheduled', { resource: 'arn:activity' }),
      ev(4, 3, 'ActivityStarted', { workerName: 'w' }),
      ev(5, 4, 'ActivityTimedOut', { error: 'States.Timeout', cause: 'heartbeat' }),
      ev(6, 5, 'ActivityScheduled', { resource: 'arn:activity' }),
      ev(7, 6, 'ActivityStarted', { workerName: 'w' }),
      ev(8, 7, 'ActivityFailed', { error: 'ZipArchive.SourceNotFound', cause: 'no such key' }),
      ev(9, 8, 'ActivityScheduled', { resource: 'arn:activity' }),
      ev(10, 9, 'ActivityStarted', { workerName: 'w' }),
      ev(11, 10, 'ActivitySucceeded', { output: '{"ok":true}' }),
      ev(12, 11, 'TaskStateExited', { name: 'Zip', output: '{"ok":true}' }),
      ev(13, 12, 'ExecutionSucceeded', { output: '{"ok":true}' }),
    ];
    const [zip] = foldSteps(events);
    assert.equal(zip!.status, 'succeeded');
    assert.equal(zip!.attempts, 3);
    assert.deepEqual(zip!.failedAttempts, [
      { attempt: 1, error: 'States.Timeout', cause: 'heartbeat', at: '2026-01-01T00:00:05.000Z' },
      { attempt: 2, error: 'ZipArchive.SourceNotFound', cause: 'no such key', at: '2026-01-01T00:00:08.000Z' },
    ]);
    assert.equal(zip!.error, null, 'the last attempt succeeded');
    assert.equal(zip!.durationMs, 10_000);
    assert.deepEqual(zip!.input, { a: 1 });
  });

  test('a state still open is running; an aborted execution aborts the open state', () => {
    const running = [
      ev(1, 0, 'ExecutionStarted', { input: '{}' }),
      ev(2, 0, 'WaitStateEntered', { name: 'Pause', input: '{}' }),
    ];
    const [open] = foldSteps(running);
    assert.equal(open!.status, 'running');
    assert.equal(open!.endedAt, null);
    assert.equal(open!.durationMs, null);
    const [aborted] = foldSteps([...running, ev(3, 2, 'ExecutionAborted', {})]);
    assert.equal(aborted!.status, 'aborted');
    assert.equal(aborted!.endedAt, '2026-01-01T00:00:03.000Z');
  });

  test('a Map inside a Parallel branch: rows carry the whole scope, a failed iteration fails the Map', () => {
    const events = [
      ev(1, 0, 'ExecutionStarted', { input: '{}' }),
      ev(2, 0, 'ParallelStateEntered', { name: 'Fan', input: '{}' }),
      ev(3, 2, 'ParallelStateStarted'),
      ev(4, 3, 'MapStateEntered', { name: 'Each', input: '[1]' }),
      ev(5, 4, 'MapStateStarted', { length: 1 }),
      ev(6, 5, 'MapIterationStarted', { name: 'Each', index: 0 }),
      ev(7, 6, 'FailStateEntered', { name: 'Boom', input: '1' }),
      ev(8, 7, 'MapIterationFailed', { name: 'Each', index: 0 }),
      ev(9, 8, 'MapStateFailed', { error: 'Item.Bad', cause: 'item 0' }),
      ev(10, 9, 'ParallelStateFailed', { error: 'Item.Bad', cause: 'item 0' }),
      ev(11, 10, 'ExecutionFailed', { error: 'Item.Bad', cause: 'item 0' }),
    ];
    const rows = foldSteps(events, () => 1);
    assert.deepEqual(summary(rows), [
      ['Fan', 'Parallel', 'failed', null],
      ['Each', 'Map', 'failed', 1],
      ['Boom', 'Fail', 'failed', 0],
    ]);
    assert.deepEqual(rows[2]!.scope, [
      { state: 'Fan', branch: 1 },
      { state: 'Each', iteration: 0 },
    ]);
    assert.equal(rows[1]!.error, 'Item.Bad');
    assert.equal(rows[0]!.cause, 'item 0');
  });

  test('order of the input list does not matter: events are folded by id', () => {
    const { definition, events } = recorded('map');
    const shuffled = [...events].reverse();
    assert.deepEqual(foldSteps(shuffled, branchResolverFromAsl(definition)), foldRecorded('map'));
  });

  test('a 25,000-event history folds in one pass', () => {
    const events: HistoryEventLike[] = [ev(1, 0, 'ExecutionStarted', { input: '{}' })];
    let previous = 1;
    for (let index = 0; index < 12_499; index++) {
      const entered = events.length + 1;
      events.push(ev(entered, previous, 'PassStateEntered', { name: `S${index}`, input: '{}' }));
      events.push(ev(entered + 1, entered, 'PassStateExited', { name: `S${index}`, output: '{}' }));
      previous = entered + 1;
    }
    events.push(ev(events.length + 1, previous, 'ExecutionSucceeded', { output: '{}' }));
    assert.equal(events.length, 25_000);
    const rows = foldSteps(events);
    assert.equal(rows.length, 12_499);
    assert.ok(rows.every((row) => row.status === 'succeeded'));
  });
});
