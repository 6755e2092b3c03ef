// Choice (every operator, the Path forms, type tests, StringMatches, And/Or/Not, Default, NoChoiceMatched),
// Wait (all four forms, in virtual time), Succeed, and Fail (Error/Cause and ErrorPath/CausePath).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runWorkflow } from '../../src/testing/index.ts';
import type { JsonObject, JsonValue } from '../../src/testing/json.ts';
import { eventTypes, machine } from './support.ts';

async function chooses(rule: JsonObject, input: JsonValue): Promise<string> {
  const run = await runWorkflow(
    machine({
      C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' }], Default: 'No' },
      Yes: { Type: 'Succeed' },
      No: { Type: 'Succeed' },
    }),
    input,
  );
  assert.equal(run.status, 'SUCCEEDED', run.cause);
  return run.path[1] as string;
}

describe('Choice', () => {
  const input = {
    s: 'beta',
    n: 5,
    b: true,
    t: '2026-01-02T00:00:00Z',
    other: { s: 'beta', n: 7, t: '2026-01-03T00:00:00+01:00' },
    nul: null,
  };
  const cases: [JsonObject, string][] = [
    [{ Variable: '$.s', StringEquals: 'beta' }, 'Yes'],
    [{ Variable: '$.s', StringEqualsPath: '$.other.s' }, 'Yes'],
    [{ Variable: '$.s', StringLessThan: 'gamma' }, 'Yes'],
    [{ Variable: '$.s', StringLessThanPath: '$.other.s' }, 'No'],
    [{ Variable: '$.s', StringGreaterThan: 'alpha' }, 'Yes'],
    [{ Variable: '$.s', StringGreaterThanPath: '$.other.s' }, 'No'],
    [{ Variable: '$.s', StringLessThanEquals: 'beta' }, 'Yes'],
    [{ Variable: '$.s', StringLessThanEqualsPath: '$.other.s' }, 'Yes'],
    [{ Variable: '$.s', StringGreaterThanEquals: 'beta' }, 'Yes'],
    [{ Variable: '$.s', StringGreaterThanEqualsPath: '$.other.s' }, 'Yes'],
    [{ Variable: '$.n', NumericEquals: 5 }, 'Yes'],
    [{ Variable: '$.n', NumericEqualsPath: '$.other.n' }, 'No'],
    [{ Variable: '$.n', NumericLessThan: 6 }, 'Yes'],
    [{ Variable: '$.n', NumericLessThanPath: '$.other.n' }, 'Yes'],
    [{ Variable: '$.n', NumericGreaterThan: 5 }, 'No'],
    [{ Variable: '$.n', NumericGreaterThanPath: '$.other.n' }, 'No'],
    [{ Variable: '$.n', NumericLessThanEquals: 5 }, 'Yes'],
    [{ Variable: '$.n', NumericLessThanEqualsPath: '$.other.n' }, 'Yes'],
    [{ Variable: '$.n', NumericGreaterThanEquals: 5 }, 'Yes'],
    [{ Variable: '$.n', NumericGreaterThanEqualsPath: '$.other.n' }, 'No'],
    [{ Variable: '$.b', BooleanEquals: true }, 'Yes'],
    [{ Variable: '$.b', BooleanEqualsPath: '$.n' }, 'No'],
    [{ Variable: '$.t', TimestampEquals: '2026-01-02T01:00:00+01:00' }, 'Yes'],
    [{ Variable: '$.t', TimestampEqualsPath: '$.other.t' }, 'No'],
    [{ Variable: '$.t', TimestampLessThan: '2026-01-03T00:00:00Z' }, 'Yes'],
    [{ Variable: '$.t', TimestampLessThanPath: '$.other.t' }, 'Yes'],
    [{ Variable: '$.t', TimestampGreaterThan: '2026-01-01T00:00:00Z' }, 'Yes'],
    [{ Variable: '$.t', TimestampGreaterThanPath: '$.other.t' }, 'No'],
    [{ Variable: '$.t', TimestampLessThanEquals: '2026-01-02T00:00:00Z' }, 'Yes'],
    [{ Variable: '$.t', TimestampLessThanEqualsPath: '$.other.t' }, 'Yes'],
    [{ Variable: '$.t', TimestampGreaterThanEquals: '2026-01-02T00:00:00Z' }, 'Yes'],
    [{ Variable: '$.t', TimestampGreaterThanEqualsPath: '$.other.t' }, 'No'],
    [{ Variable: '$.s', NumericEquals: 5 }, 'No'],
    [{ Variable: '$.missing', IsPresent: false }, 'Yes'],
    [{ Variable: '$.s', IsPresent: true }, 'Yes'],
    [{ Variable: '$.nul', IsNull: true }, 'Yes'],
    [{ Variable: '$.n', IsNumeric: true }, 'Yes'],
    [{ Variable: '$.s', IsString: true }, 'Yes'],
    [{ Variable: '$.b', IsBoolean: false }, 'No'],
    [{ Variable: '$.t', IsTimestamp: true }, 'Yes'],
    [{ Variable: '$.s', IsTimestamp: true }, 'No'],
    [{ Variable: '$.s', StringMatches: 'b*a' }, 'Yes'],
    [{ Variable: '$.s', StringMatches: 'b*x' }, 'No'],
    [{ And: [{ Variable: '$.n', NumericGreaterThan: 1 }, { Not: { Variable: '$.s', StringEquals: 'x' } }] }, 'Yes'],
    [
      {
        Or: [
          { Variable: '$.n', NumericGreaterThan: 10 },
          { Variable: '$.b', BooleanEquals: false },
        ],
      },
      'No',
    ],
  ];
  for (const [rule, expected] of cases) {
    it(`${JSON.stringify(rule)} -> ${expected}`, async () => assert.equal(await chooses(rule, input), expected));
  }
  it('StringMatches escapes: \\* is a literal star, \\\\ a literal backslash', async () => {
    assert.equal(await chooses({ Variable: '$.s', StringMatches: 'a\\*b*' }, { s: 'a*bcd' }), 'Yes');
    assert.equal(await chooses({ Variable: '$.s', StringMatches: 'a\\*b*' }, { s: 'axbcd' }), 'No');
    assert.equal(await chooses({ Variable: '$.s', StringMatches: 'c:\\\\*' }, { s: 'c:\\dir' }), 'Yes');
  });
  it('fails with States.NoChoiceMatched without a Default, States.Runtime for a missing Variable', async () => {
    const none = await runWorkflow(
      machine({
        C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'S' }] },
        S: { Type: 'Succeed' },
      }),
      { n: 2 },
    );
    assert.equal(none.error, 'States.NoChoiceMatched');
    const missing = await runWorkflow(
      machine({
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: 1, Next: 'S' }], Default: 'S' },
        S: { Type: 'Succeed' },
      }),
      {},
    );
    assert.equal(missing.error, 'States.Runtime');
  });
});

describe('Wait', () => {
  it('waits Seconds, SecondsPath, Timestamp and TimestampPath in virtual time', { timeout: 60_000 }, async () => {
    const run = await runWorkflow(
      machine({
        A: { Type: 'Wait', Seconds: 3600, Next: 'B' },
        B: { Type: 'Wait', SecondsPath: '$.seconds', Next: 'C' },
        C: { Type: 'Wait', Timestamp: '2026-01-02T00:00:00Z', Next: 'D' },
        D: { Type: 'Wait', TimestampPath: '$.until', Next: 'E' },
        E: { Type: 'Wait', Timestamp: '2020-01-01T00:00:00Z', End: true },
      }),
      { seconds: 60, until: '2026-01-03T00:00:00Z' },
      { context: { startTime: '2026-01-01T00:00:00Z' } },
    );
    assert.equal(run.status, 'SUCCEEDED');
    const exits = run.events
      .filter((event) => event.type === 'WaitStateExited')
      .map((event) => event.timestamp.toISOString());
    assert.deepEqual(exits, [
      '2026-01-01T01:00:00.000Z',
      '2026-01-01T01:01:00.000Z',
      '2026-01-02T00:00:00.000Z',
      '2026-01-03T00:00:00.000Z',
      '2026-01-03T00:00:00.000Z',
    ]);
  });
  it('fails with States.Runtime for a SecondsPath that is not a non-negative integer', async () => {
    const run = await runWorkflow(machine({ W: { Type: 'Wait', SecondsPath: '$.s', End: true } }), { s: 'soon' });
    assert.equal(run.error, 'States.Runtime');
  });
});

describe('Succeed and Fail', () => {
  it('Fail reports Error and Cause, with no StateExited event', async () => {
    const run = await runWorkflow(machine({ F: { Type: 'Fail', Error: 'Order.Invalid', Cause: 'no lines' } }), {});
    assert.deepEqual([run.status, run.error, run.cause], ['FAILED', 'Order.Invalid', 'no lines']);
    assert.deepEqual(eventTypes(run), ['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
  });
  it('Fail reads ErrorPath and CausePath (a path or an intrinsic function)', async () => {
    const run = await runWorkflow(
      machine({ F: { Type: 'Fail', ErrorPath: '$.code', CausePath: "States.Format('order {} failed', $.id)" } }),
      { code: 'E.Code', id: 7 },
    );
    assert.deepEqual([run.error, run.cause], ['E.Code', 'order 7 failed']);
  });
  it('Succeed applies InputPath and OutputPath', async () => {
    const run = await runWorkflow(machine({ S: { Type: 'Succeed', InputPath: '$.a', OutputPath: '$.b' } }), {
      a: { b: 1 },
    });
    assert.equal(run.output, 1);
    assert.deepEqual(eventTypes(run), [
      'ExecutionStarted',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
  });
});
