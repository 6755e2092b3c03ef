// JSONPath mode: paths, reference paths, payload templates and the I/O order InputPath -> Parameters -> task ->
// ResultSelector -> ResultPath -> OutputPath; a path that does not exist is States.Runtime.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lookupPath, placeAt } from '../../src/testing/jsonpath/index.ts';
import { runWorkflow } from '../../src/testing/index.ts';
import { machine } from './support.ts';

describe('JSONPath lookups', () => {
  const data = {
    a: { b: [1, 2, 3], 'odd key': 'x' },
    items: [
      { p: 1, n: 'a' },
      { p: 5, n: 'b' },
      { p: 9, n: 'c' },
    ],
  };
  it('reads definite paths and reports missing ones', () => {
    assert.deepEqual(lookupPath('$.a.b[1]', data), { found: true, value: 2 });
    assert.deepEqual(lookupPath("$['a']['odd key']", data), { found: true, value: 'x' });
    assert.deepEqual(lookupPath('$.a.b[-1]', data), { found: true, value: 3 });
    assert.deepEqual(lookupPath('$.nope', data), { found: false });
    assert.deepEqual(lookupPath('$', 7), { found: true, value: 7 });
  });
  it('gives arrays for indefinite paths (wildcard, slice, union, descent, filter); no match is not found', () => {
    assert.deepEqual(lookupPath('$.items[*].n', data), { found: true, value: ['a', 'b', 'c'] });
    assert.deepEqual(lookupPath('$.a.b[0:2]', data), { found: true, value: [1, 2] });
    assert.deepEqual(lookupPath('$.a.b[0,2]', data), { found: true, value: [1, 3] });
    assert.deepEqual(lookupPath('$..n', data), { found: true, value: ['a', 'b', 'c'] });
    assert.deepEqual(lookupPath('$.items[?(@.p > 2 && @.p < 9)].n', data), { found: true, value: ['b'] });
    assert.deepEqual(lookupPath("$.items[?(@.n == 'c')].p", data), { found: true, value: [9] });
    assert.deepEqual(lookupPath('$.items[?(@.zzz)]', data), { found: false });
  });
  it('places values at reference paths, creating objects and leaving the input unchanged', () => {
    const input = { a: 1 };
    assert.deepEqual(placeAt(input, '$.x.y', 2), { a: 1, x: { y: 2 } });
    assert.deepEqual(input, { a: 1 });
    assert.deepEqual(placeAt(input, '$', 'whole'), 'whole');
    assert.throws(() => placeAt('text', '$.x', 1), /Unable to apply ReferencePath/);
    assert.throws(() => placeAt(input, '$.a[*]', 1), /reference path/);
  });
});

describe('JSONPath state I/O', () => {
  it('applies InputPath, Parameters, ResultSelector, ResultPath and OutputPath in that order', async () => {
    let taskInput: unknown;
    const run = await runWorkflow(
      machine({
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          InputPath: '$.order',
          Parameters: { 'id.$': '$.id', fixed: 1, nested: { 'n.$': '$.lines[0]' }, 'ctx.$': '$$.State.Name' },
          ResultSelector: { 'total.$': '$.Payload.total' },
          ResultPath: '$.order.summary',
          OutputPath: '$.order',
          End: true,
        },
      }),
      { order: { id: 'o-1', lines: ['l1'] }, other: true },
      {
        tasks: {
          T: ({ input }) => {
            taskInput = input;
            return { Payload: { total: 42, noise: 1 } };
          },
        },
      },
    );
    assert.deepEqual(taskInput, { id: 'o-1', fixed: 1, nested: { n: 'l1' }, ctx: 'T' });
    assert.equal(run.status, 'SUCCEEDED');
    assert.deepEqual(run.output, { id: 'o-1', lines: ['l1'], summary: { total: 42 } });
  });
  it('Pass: Result with ResultPath, ResultPath null keeps the input, null InputPath/OutputPath give {}', async () => {
    const run = await runWorkflow(
      machine({
        A: { Type: 'Pass', Result: { r: 1 }, ResultPath: '$.res', Next: 'B' },
        B: { Type: 'Pass', Result: 'ignored', ResultPath: null, Next: 'C' },
        C: { Type: 'Pass', Parameters: { 'both.$': '$' }, Next: 'D' },
        D: { Type: 'Pass', InputPath: null, Next: 'E' },
        E: { Type: 'Pass', Result: 1, OutputPath: null, End: true },
      }),
      { in: true },
    );
    assert.deepEqual(
      run.steps.map((step) => step.output),
      [{ in: true, res: { r: 1 } }, { in: true, res: { r: 1 } }, { both: { in: true, res: { r: 1 } } }, {}, {}],
    );
  });
  it('fails with States.Runtime when InputPath or a Parameters path does not exist', async () => {
    const byInputPath = await runWorkflow(machine({ P: { Type: 'Pass', InputPath: '$.missing', End: true } }), {});
    assert.equal(byInputPath.status, 'FAILED');
    assert.equal(byInputPath.error, 'States.Runtime');
    assert.match(byInputPath.cause ?? '', /\$\.missing/);
    const byParameters = await runWorkflow(
      machine({ P: { Type: 'Pass', Parameters: { 'x.$': '$.missing' }, End: true } }),
      { a: 1 },
    );
    assert.equal(byParameters.error, 'States.Runtime');
    assert.match(
      byParameters.cause ?? '',
      /The JSONPath '\$\.missing' specified for the field 'x\.\$' could not be found/,
    );
  });
});
