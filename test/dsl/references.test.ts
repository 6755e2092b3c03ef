// References, intrinsic functions and JSONata expressions, in both query languages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { $, context, jsonata, States, variable, workflow } from '../../src/dsl/index.ts';

interface Input {
  name: string;
  'odd key': { "it's": number };
  list: string[];
  n: number;
  json: string;
}

describe('references', () => {
  it('render as JSONPath paths and JSONata paths', () => {
    const wf = workflow<Input>('refs');
    const fields = ({ input }: { input: import('../../src/dsl/index.ts').Path<Input> }) => ({
      name: input.name,
      odd: input['odd key']["it's"],
      second: input.list[1],
      whole: input,
      execution: context.Execution.Id,
      item: context.Map.Item.Value,
      total: variable<number>('total'),
      nested: variable<{ a: { b: string } }>('cfg').a.b,
      raw: $.anything.goes,
    });
    wf.pass('JsonPath', (scope) => ({ parameters: fields(scope) }));
    wf.pass('Jsonata', (scope) => ({ queryLanguage: 'JSONata', output: fields(scope) }));
    const states = wf.toAsl().States;
    assert.deepStrictEqual(states.JsonPath.Parameters, {
      'name.$': '$.name',
      'odd.$': "$['odd key']['it\\'s']",
      'second.$': '$.list[1]',
      'whole.$': '$',
      'execution.$': '$$.Execution.Id',
      'item.$': '$$.Map.Item.Value',
      'total.$': '$total',
      'nested.$': '$cfg.a.b',
      'raw.$': '$.anything.goes',
    });
    assert.deepStrictEqual(states.Jsonata.Output, {
      name: '{% $states.input.name %}',
      odd: "{% $states.input.`odd key`.`it's` %}",
      second: '{% $states.input.list[1] %}',
      whole: '{% $states.input %}',
      execution: '{% $states.context.Execution.Id %}',
      item: '{% $states.context.Map.Item.Value %}',
      total: '{% $total %}',
      nested: '{% $cfg.a.b %}',
      raw: '{% $states.input.anything.goes %}',
    });
  });

  it('turn arrays holding references into States.Array in JSONPath', () => {
    const wf = workflow<Input>('arrays');
    wf.pass('P', ({ input }) => ({ parameters: { pair: [input.name, 'lit', 3, null, true], plain: [1, { a: 2 }] } }));
    assert.deepStrictEqual(wf.toAsl().States.P.Parameters, {
      'pair.$': "States.Array($.name, 'lit', 3, null, true)",
      plain: [1, { a: 2 }],
    });
  });

  it('refuse what JSONPath cannot say, naming the field', () => {
    const wf = workflow<Input>('refusals');
    wf.pass('Whole', ({ input }) => ({ parameters: input.name as never }));
    assert.throws(() => wf.toAsl(), /Whole\.Parameters: a reference needs a key/);
    const other = workflow<Input>('refusals-2');
    other.pass('Expr', { parameters: { a: jsonata`1` } as never });
    assert.throws(() => other.toAsl(), /Expr\.Parameters\.a: a JSONata expression in a JSONPath state/);
    const third = workflow<Input>('refusals-3', { queryLanguage: 'JSONata' });
    third.pass('Intrinsic', { output: { a: States.UUID() } as never });
    assert.throws(() => third.toAsl(), /Intrinsic\.Output\.a: intrinsic functions exist only in JSONPath states/);
    const fourth = workflow<Input>('refusals-4');
    fourth.pass('Undef', { parameters: { a: undefined } as never });
    assert.throws(() => fourth.toAsl(), /Undef\.Parameters\.a: undefined is not JSON/);
  });

  it('do not look like promises', async () => {
    const value = await Promise.resolve($.then);
    assert.equal(value, undefined);
  });
});

describe('intrinsic functions', () => {
  it('render every ASL intrinsic with typed arguments', () => {
    const wf = workflow<Input>('intrinsics');
    wf.pass('All', ({ input }) => ({
      parameters: {
        format: States.Format("Hi {}, it's {}", input.name, 'late'),
        toJson: States.StringToJson(input.json),
        toString: States.JsonToString(input),
        array: States.Array(input.name, 1, States.UUID()),
        partition: States.ArrayPartition(input.list, 2),
        contains: States.ArrayContains(input.list, 'a'),
        range: States.ArrayRange(1, input.n, 2),
        item: States.ArrayGetItem(input.list, 0),
        length: States.ArrayLength(input.list),
        unique: States.ArrayUnique(input.list),
        encode: States.Base64Encode(input.name),
        decode: States.Base64Decode('aGk='),
        hash: States.Hash(input.name, 'SHA-256'),
        merge: States.JsonMerge(input, context.Execution.Input),
        random: States.MathRandom(1, 100),
        seeded: States.MathRandom(1, 100, input.n),
        add: States.MathAdd(input.n, -1),
        split: States.StringSplit('a,{b}', ','),
        uuid: States.UUID(),
      },
    }));
    assert.deepStrictEqual(wf.toAsl().States.All.Parameters, {
      'format.$': "States.Format('Hi {}, it\\'s {}', $.name, 'late')",
      'toJson.$': 'States.StringToJson($.json)',
      'toString.$': 'States.JsonToString($)',
      'array.$': 'States.Array($.name, 1, States.UUID())',
      'partition.$': 'States.ArrayPartition($.list, 2)',
      'contains.$': "States.ArrayContains($.list, 'a')",
      'range.$': 'States.ArrayRange(1, $.n, 2)',
      'item.$': 'States.ArrayGetItem($.list, 0)',
      'length.$': 'States.ArrayLength($.list)',
      'unique.$': 'States.ArrayUnique($.list)',
      'encode.$': 'States.Base64Encode($.name)',
      'decode.$': "States.Base64Decode('aGk=')",
      'hash.$': "States.Hash($.name, 'SHA-256')",
      'merge.$': 'States.JsonMerge($, $$.Execution.Input, false)',
      'random.$': 'States.MathRandom(1, 100)',
      'seeded.$': 'States.MathRandom(1, 100, $.n)',
      'add.$': 'States.MathAdd($.n, -1)',
      'split.$': "States.StringSplit('a,\\{b\\}', ',')",
      'uuid.$': 'States.UUID()',
    });
  });
});

describe('query language', () => {
  it('sets QueryLanguage at the top and per state; nested states inherit the workflow language', () => {
    const wf = workflow<Input>('languages', {
      queryLanguage: 'JSONata',
      comment: 'c',
      timeoutSeconds: 60,
      version: '1.0',
    });
    wf.pass('Inherits', ({ input }) => ({ output: { n: jsonata`${input.n} + 1` } }));
    wf.pass('Own', ({ input }) => ({ queryLanguage: 'JSONPath', parameters: { n: input.n } }));
    wf.parallel('Nested', {
      queryLanguage: 'JSONPath',
      branches: [(branch) => branch.pass('Inner', ({ input }) => ({ output: input.n }))],
    });
    const asl = wf.toAsl();
    assert.deepStrictEqual(Object.keys(asl), [
      'Comment',
      'QueryLanguage',
      'Version',
      'TimeoutSeconds',
      'StartAt',
      'States',
    ]);
    assert.deepStrictEqual(asl.States.Inherits, {
      Type: 'Pass',
      Output: { n: '{% $states.input.n + 1 %}' },
      End: true,
    });
    assert.deepStrictEqual(asl.States.Own, {
      Type: 'Pass',
      QueryLanguage: 'JSONPath',
      Parameters: { 'n.$': '$.n' },
      End: true,
    });
    assert.deepStrictEqual(asl.States.Nested.Branches, [
      { StartAt: 'Inner', States: { Inner: { Type: 'Pass', Output: '{% $states.input.n %}', End: true } } },
    ]);
  });
});
