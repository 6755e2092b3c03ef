// Parallel and inline Map, the Context object, variables and their scopes, JSONata states, and the payload limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, runWorkflow } from '../../src/testing/index.ts';
import type { JsonObject } from '../../src/testing/json.ts';
import { eventTypes, machine } from './support.ts';

const pass = (extra: JsonObject = {}): JsonObject => ({ Type: 'Pass', End: true, ...extra });

describe('Parallel', () => {
  it('runs every branch on the input and outputs their results in branch order', async () => {
    const run = await runWorkflow(
      machine({
        P: {
          Type: 'Parallel',
          Branches: [
            machine({ A: pass({ Result: 'a' }) }),
            machine({ W: { Type: 'Wait', Seconds: 5, Next: 'B' }, B: pass({ Parameters: { 'x.$': '$.x' } }) }),
          ],
          ResultPath: '$.both',
          End: true,
        },
      }),
      { x: 1 },
    );
    assert.deepEqual(run.output, { x: 1, both: ['a', { x: 1 }] });
    assert.deepEqual(eventTypes(run).slice(1, 3), ['ParallelStateEntered', 'ParallelStateStarted']);
    assert.deepEqual(eventTypes(run).slice(-3), [
      'ParallelStateSucceeded',
      'ParallelStateExited',
      'ExecutionSucceeded',
    ]);
  });
  it('fails when one branch fails; Retry reruns all branches, Catch takes the error', async () => {
    let calls = 0;
    const run = await runWorkflow(
      machine({
        P: {
          Type: 'Parallel',
          Branches: [
            machine({ A: pass({ Result: 'a' }) }),
            machine({ T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } }),
          ],
          Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Recover' }],
          End: true,
        },
        Recover: pass(),
      }),
      {},
      {
        tasks: {
          T: () => {
            calls += 1;
            throw Object.assign(new Error('bad'), { error: 'Boom' });
          },
        },
      },
    );
    assert.equal(calls, 2);
    assert.deepEqual(run.output, { failure: { Error: 'Boom', Cause: 'bad' } });
    assert.equal(run.path.filter((name) => name === 'A').length, 2);
  });
});

describe('Map (inline)', () => {
  it('runs ItemProcessor per item of ItemsPath with ItemSelector and $$.Map.Item, results in item order', async () => {
    const run = await runWorkflow(
      machine({
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: 1,
          ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', 'shared.$': '$.shared' },
          ItemProcessor: machine({ W: { Type: 'Wait', SecondsPath: '$.value', Next: 'Echo' }, Echo: pass() }),
          End: true,
        },
      }),
      { items: [3, 1, 2], shared: 's' },
    );
    assert.deepEqual(run.output, [
      { index: 0, value: 3, shared: 's' },
      { index: 1, value: 1, shared: 's' },
      { index: 2, value: 2, shared: 's' },
    ]);
    assert.equal(run.events.at(-1)?.timestamp.toISOString(), '2026-01-01T00:00:06.000Z');
    assert.deepEqual(run.events[2]?.mapStateStartedEventDetails, { length: 3 });
  });
  it('fails on an iteration failure unless ToleratedFailureCount/Percentage allow it (DISTRIBUTED mode only)', async () => {
    const definition = (tolerance: JsonObject, mode = 'DISTRIBUTED'): JsonObject =>
      machine({
        M: {
          Type: 'Map',
          ItemProcessor: machine(
            {
              C: { Type: 'Choice', Choices: [{ Variable: '$', NumericGreaterThan: 1, Next: 'Bad' }], Default: 'Ok' },
              Bad: { Type: 'Fail', Error: 'Item.Bad' },
              Ok: pass(),
            },
            { ProcessorConfig: { Mode: mode, ExecutionType: 'STANDARD' } },
          ),
          End: true,
          ...tolerance,
        },
      });
    const strict = await runWorkflow(definition({}), [1, 2, 3]);
    assert.equal(strict.error, 'Item.Bad');
    const tolerated = await runWorkflow(definition({ ToleratedFailureCount: 2 }), [1, 2, 3]);
    assert.equal(tolerated.status, 'SUCCEEDED');
    const exceeded = await runWorkflow(definition({ ToleratedFailurePercentage: 50 }), [1, 2, 3]);
    assert.equal(exceeded.error, 'States.ExceedToleratedFailureThreshold');
    const inline = await runWorkflow(definition({ ToleratedFailureCount: 2 }, 'INLINE'), [1, 2, 3]);
    assert.equal(inline.error, 'Item.Bad');
  });
});

describe('Context object', () => {
  it('exposes $$.Execution, $$.StateMachine and $$.State', async () => {
    const run = await runWorkflow(
      machine({
        S: pass({
          Parameters: {
            'id.$': '$$.Execution.Id',
            'name.$': '$$.Execution.Name',
            'input.$': '$$.Execution.Input',
            'start.$': '$$.Execution.StartTime',
            'state.$': '$$.State.Name',
            'entered.$': '$$.State.EnteredTime',
            'retries.$': '$$.State.RetryCount',
          },
        }),
      }),
      { a: 1 },
      { context: { executionName: 'e-1' } },
    );
    assert.deepEqual(run.output, {
      id: 'arn:aws:states:us-east-1:000000000000:execution:stepforge-testing:e-1',
      name: 'e-1',
      input: { a: 1 },
      start: '2026-01-01T00:00:00.000Z',
      state: 'S',
      entered: '2026-01-01T00:00:00.000Z',
      retries: 0,
    });
  });
});

describe('variables', () => {
  it('Assign sets variables for later states; $var reads them; all Assign values see the old values', async () => {
    const run = await runWorkflow(
      machine({
        A: { Type: 'Pass', Assign: { x: 1, 'y.$': '$.start' }, Next: 'B' },
        B: { Type: 'Pass', Assign: { 'x.$': '$y', 'y.$': '$x' }, Next: 'C' },
        C: pass({ Parameters: { 'x.$': '$x', 'y.$': '$y' } }),
      }),
      { start: 10 },
    );
    assert.deepEqual(run.output, { x: 10, y: 1 });
  });
  it("JSONPath Assign's $ is the raw result, before ResultSelector", async () => {
    const run = await runWorkflow(
      machine({
        P: {
          Type: 'Parallel',
          Branches: [machine({ B: pass({ Result: { v: 1 } }) })],
          ResultSelector: { 'first.$': '$[0]' },
          Assign: { 'raw.$': '$' },
          ResultPath: '$.selected',
          Next: 'R',
        },
        R: pass({ Parameters: { 'raw.$': '$raw', 'selected.$': '$.selected' } }),
      }),
      {},
    );
    assert.deepEqual(run.output, { raw: [{ v: 1 }], selected: { first: { v: 1 } } });
  });
  it('Map iterations read outer variables, and their assignments do not leak out', async () => {
    const run = await runWorkflow(
      machine({
        A: { Type: 'Pass', Assign: { outer: 'o' }, Next: 'M' },
        M: {
          Type: 'Map',
          ItemProcessor: machine({
            In: { Type: 'Pass', Assign: { outer: 'changed', inner: 1 }, Next: 'Read' },
            Read: pass({ Parameters: { 'o.$': '$outer' } }),
          }),
          Next: 'After',
        },
        After: { Type: 'Pass', Parameters: { 'outer.$': '$outer' }, End: true },
      }),
      [1],
    );
    assert.equal(run.status, 'SUCCEEDED', run.cause);
    assert.deepEqual(run.steps.find((step) => step.name === 'Read')?.output, { o: 'changed' });
    assert.deepEqual(run.output, { outer: 'o' });
    const leak = await runWorkflow(
      machine({
        M: { Type: 'Map', ItemProcessor: machine({ In: pass({ Assign: { inner: 1 } }) }), Next: 'After' },
        After: pass({ Parameters: { 'v.$': '$inner' } }),
      }),
      [1],
    );
    assert.equal(leak.error, 'States.Runtime');
  });
});

describe('JSONata', () => {
  it('evaluates Arguments, Output, Assign and $states.input/result/context in a JSONata machine', async () => {
    let argsSeen: unknown;
    const run = await runWorkflow(
      machine(
        {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Arguments: { total: '{% $sum($states.input.prices) %}', state: '{% $states.context.State.Name %}' },
            Assign: { doubled: '{% $states.result.value * 2 %}' },
            Output: { value: '{% $states.result.value %}', input: '{% $states.input.prices %}' },
            Next: 'C',
          },
          C: { Type: 'Choice', Choices: [{ Condition: '{% $doubled > 10 %}', Next: 'Big' }], Default: 'Small' },
          Big: { Type: 'Pass', Output: { doubled: '{% $doubled %}', literal: 'x' }, End: true },
          Small: { Type: 'Fail', Error: 'Small' },
        },
        { QueryLanguage: 'JSONata' },
      ),
      { prices: [2, 4] },
      {
        tasks: {
          T: ({ input }) => {
            argsSeen = input;
            return { value: 6 };
          },
        },
      },
    );
    assert.deepEqual(argsSeen, { total: 6, state: 'T' });
    assert.deepEqual(run.output, { doubled: 12, literal: 'x' });
  });
  it('mixes per-state QueryLanguage, and catches with $states.errorOutput', async () => {
    const run = await runWorkflow(
      machine({
        T: {
          Type: 'Task',
          QueryLanguage: 'JSONata',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [{ ErrorEquals: ['States.ALL'], Output: { why: '{% $states.errorOutput.Error %}' }, Next: 'P' }],
          End: true,
        },
        P: { Type: 'Pass', Parameters: { 'why.$': '$.why' }, End: true },
      }),
      {},
      { tasks: { T: fail('E.Bad', 'c') } },
    );
    assert.deepEqual(run.output, { why: 'E.Bad' });
  });
  it('Map ItemSelector reads $states.context.Map.Item in JSONata', async () => {
    const run = await runWorkflow(
      machine(
        {
          M: {
            Type: 'Map',
            ItemSelector: { at: '{% $states.context.Map.Item.Index %}', item: '{% $states.context.Map.Item.Value %}' },
            ItemProcessor: machine({ D: { Type: 'Pass', End: true } }),
            End: true,
          },
        },
        { QueryLanguage: 'JSONata' },
      ),
      ['a', 'b'],
    );
    assert.deepEqual(run.output, [
      { at: 0, item: 'a' },
      { at: 1, item: 'b' },
    ]);
  });
  it('Map Items and a failing expression (States.QueryEvaluationError)', async () => {
    const run = await runWorkflow(
      machine(
        {
          M: {
            Type: 'Map',
            Items: '{% $states.input.n %}',
            ItemProcessor: machine({ D: { Type: 'Pass', Output: '{% $states.input * 2 %}', End: true } }),
            End: true,
          },
        },
        { QueryLanguage: 'JSONata' },
      ),
      { n: [1, 2] },
    );
    assert.deepEqual(run.output, [2, 4]);
    const bad = await runWorkflow(
      machine({ P: { Type: 'Pass', Output: '{% $states.input.nothing %}', End: true } }, { QueryLanguage: 'JSONata' }),
      {},
    );
    assert.equal(bad.error, 'States.QueryEvaluationError');
  });
});

describe('Choice rule fields and the JSONata functions AWS adds', () => {
  it("a taken rule's Assign applies (JSONPath); the Default assigns nothing", async () => {
    const definition = machine({
      C: {
        Type: 'Choice',
        Choices: [{ Variable: '$.n', NumericGreaterThan: 1, Assign: { 'size.$': '$.n' }, Next: 'Read' }],
        Default: 'Read',
      },
      Read: pass({ Parameters: { 'size.$': '$size' } }),
    });
    const taken = await runWorkflow(definition, { n: 5 });
    assert.deepEqual(taken.output, { size: 5 });
    const byDefault = await runWorkflow(definition, { n: 0 });
    assert.equal(byDefault.error, 'States.Runtime');
  });
  it('$partition, $range, $hash, $randomSeeded, $uuid and $parse', async () => {
    const run = await runWorkflow(
      machine(
        {
          P: {
            Type: 'Pass',
            Output: {
              partition: '{% $partition([1, 2, 3], 2) %}',
              range: '{% $range(0, 6, 3) %}',
              hash: "{% $hash('input data', 'SHA-1') %}",
              seeded: '{% $randomSeeded(3) = $randomSeeded(3) %}',
              uuid: '{% $length($uuid()) %}',
              parsed: '{% $parse(\'{"a":1}\').a %}',
            },
            End: true,
          },
        },
        { QueryLanguage: 'JSONata' },
      ),
      {},
    );
    assert.deepEqual(run.output, {
      partition: [[1, 2], [3]],
      range: [0, 3, 6],
      hash: 'aaff4a450a104cd177d28d18d74485e8cae074b7',
      seeded: true,
      uuid: 36,
      parsed: 1,
    });
  });
});

describe('payload limit', () => {
  it('fails with States.DataLimitExceeded over 256 KiB, which States.ALL does not catch', async () => {
    const run = await runWorkflow(
      machine({
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'P' }],
          End: true,
        },
        P: pass(),
      }),
      {},
      { tasks: { T: () => 'x'.repeat(256 * 1024 + 1) } },
    );
    assert.equal(run.error, 'States.DataLimitExceeded');
  });
});

describe('evaluation order of Assign (JSONPath)', () => {
  it('sets the variables before OutputPath reads them', async () => {
    const run = await runWorkflow(
      machine({
        A: { Type: 'Pass', Assign: { answer: 42 }, Next: 'B' },
        B: {
          Type: 'Pass',
          InputPath: '$answer',
          ResultPath: '$.theAnswer',
          OutputPath: '$answer',
          Assign: { answer: 'replaced' },
          End: true,
        },
      }),
      {},
    );
    assert.equal(run.output, 'replaced');
  });
  it("Choice: the state's Assign applies after a taken rule's, and wins on the same variable", async () => {
    const run = await runWorkflow(
      machine({
        C: {
          Type: 'Choice',
          Choices: [{ Variable: '$.n', NumericEquals: 1, Assign: { rule: 'r', both: 'rule' }, Next: 'R' }],
          Assign: { both: 'state' },
          Default: 'R',
        },
        R: pass({ Parameters: { 'rule.$': '$rule', 'both.$': '$both' } }),
      }),
      { n: 1 },
    );
    assert.deepEqual(run.output, { rule: 'r', both: 'state' });
  });
  it('a Fail state without Error or Cause reports neither', async () => {
    const run = await runWorkflow(machine({ F: { Type: 'Fail' } }), {});
    assert.deepEqual([run.status, run.error, run.cause], ['FAILED', undefined, undefined]);
    assert.deepEqual(run.events.at(-1)?.executionFailedEventDetails, {});
  });
});
