import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Condition, jsonata, type Rule, variable, workflow } from '../../src/dsl/index.ts';

interface Input {
  s: string;
  n: number;
  b: boolean;
  t: string;
  other: { s: string; n: number; b: boolean; t: string };
}

const OPERATORS = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'] as const;

describe('Choice', () => {
  it('renders every comparison operator and its Path form', () => {
    const wf = workflow<Input>('choice-operators');
    const target = wf.succeed('T');
    const choice = wf.choice('C');
    const expected: object[] = [];
    const families = [
      ['string', 'String', 's', 'x'],
      ['numeric', 'Numeric', 'n', 5],
      ['timestamp', 'Timestamp', 't', '2026-01-01T00:00:00Z'],
    ] as const;
    for (const [prefix, asl, field, literal] of families) {
      for (const operator of OPERATORS) {
        const literalRule = (Condition as unknown as Record<string, (v: unknown, x: unknown) => Rule>)[
          `${prefix}${operator}`
        ];
        const pathRule = (Condition as unknown as Record<string, (v: unknown, x: unknown) => Rule>)[
          `${prefix}${operator}Path`
        ];
        choice.when(({ input }) => literalRule(input[field], literal), target);
        choice.when(({ input }) => literalRule(input[field], input.other[field]), target);
        choice.when(pathRule(`$.${field}`, `$.other.${field}`), target);
        expected.push(
          { Variable: `$.${field}`, [`${asl}${operator}`]: literal, Next: 'T' },
          { Variable: `$.${field}`, [`${asl}${operator}Path`]: `$.other.${field}`, Next: 'T' },
          { Variable: `$.${field}`, [`${asl}${operator}Path`]: `$.other.${field}`, Next: 'T' },
        );
      }
    }
    choice.when(({ input }) => Condition.booleanEquals(input.b, true), target);
    choice.when(({ input }) => Condition.booleanEquals(input.b, input.other.b), target);
    choice.when(Condition.booleanEqualsPath('$.b', '$.other.b'), target);
    expected.push(
      { Variable: '$.b', BooleanEquals: true, Next: 'T' },
      { Variable: '$.b', BooleanEqualsPath: '$.other.b', Next: 'T' },
      { Variable: '$.b', BooleanEqualsPath: '$.other.b', Next: 'T' },
    );
    assert.deepStrictEqual(wf.toAsl().States.C, { Type: 'Choice', Choices: expected });
  });

  it('renders type tests, StringMatches, And/Or/Not, Default, Assign and Comment on rules', () => {
    const wf = workflow<Input>('choice-logic');
    wf.choice('C', { comment: 'route', inputPath: '$', outputPath: '$', assign: { routed: true } })
      .when(
        ({ input }) =>
          Condition.and(
            Condition.isPresent(input.s),
            Condition.isNull(input.n, false),
            Condition.or(Condition.isNumeric(input.n), Condition.isString(input.s), Condition.isBoolean(input.b)),
            Condition.not(Condition.isTimestamp(input.t)),
            Condition.stringMatches(input.s, 'log-*.txt'),
            Condition.numericEquals(variable<number>('count'), 1),
          ),
        wf.succeed('Yes'),
        { comment: 'all of them', assign: { matched: '$.s' } },
      )
      .when({ Variable: '$.raw', StringEquals: 'raw rule' }, wf.succeed('Raw'))
      .when(Condition.numericGreaterThan(variable<number>('count'), 3), wf.succeed('ByVariable'))
      .otherwise(wf.fail('No'));
    assert.deepStrictEqual(wf.toAsl().States.C, {
      Type: 'Choice',
      Comment: 'route',
      InputPath: '$',
      Choices: [
        {
          And: [
            { Variable: '$.s', IsPresent: true },
            { Variable: '$.n', IsNull: false },
            {
              Or: [
                { Variable: '$.n', IsNumeric: true },
                { Variable: '$.s', IsString: true },
                { Variable: '$.b', IsBoolean: true },
              ],
            },
            { Not: { Variable: '$.t', IsTimestamp: true } },
            { Variable: '$.s', StringMatches: 'log-*.txt' },
            { Variable: '$count', NumericEquals: 1 },
          ],
          Comment: 'all of them',
          Assign: { matched: '$.s' },
          Next: 'Yes',
        },
        { Variable: '$.raw', StringEquals: 'raw rule', Next: 'Raw' },
        { Variable: '$count', NumericGreaterThan: 3, Next: 'ByVariable' },
      ],
      Default: 'No',
      OutputPath: '$',
      Assign: { routed: true },
    });
  });

  it('renders JSONata conditions with Output and Assign per rule', () => {
    const wf = workflow<Input>('choice-jsonata', { queryLanguage: 'JSONata' });
    wf.choice('C', ({ input }) => ({ output: { s: input.s } }))
      .when(({ input }) => jsonata<boolean>`${input.n} > 10 and ${input.s} = "x"`, wf.succeed('Big'), {
        output: { big: true },
        assign: { size: jsonata`"big"` },
      })
      .when('{% $states.input.b %}', wf.succeed('Flag'))
      .otherwise(wf.succeed('Small'));
    assert.deepStrictEqual(wf.toAsl().States.C, {
      Type: 'Choice',
      Choices: [
        {
          Condition: '{% $states.input.n > 10 and $states.input.s = "x" %}',
          Assign: { size: '{% "big" %}' },
          Output: { big: true },
          Next: 'Big',
        },
        { Condition: '{% $states.input.b %}', Next: 'Flag' },
      ],
      Default: 'Small',
      Output: { s: '{% $states.input.s %}' },
    });
  });

  it('refuses a second default, naming both calls', () => {
    const wf = workflow('choice-two-defaults');
    const choice = wf.choice('C').otherwise(wf.succeed('A'));
    assert.throws(
      () => choice.otherwise(wf.succeed('B')),
      (error: Error) => /already has a default/.test(error.message) && /choice\.test\.ts:\d+/.test(error.message),
    );
  });
});
