// Choice rules for JSONPath Choice states, typed by the compared value: `Condition.stringEquals(input.status,
// 'PAID')` only accepts a reference to a string. A reference as the value selects the `...Path` operator.
import type { JsonObject, JsonValue } from './asl-types.ts';
import { DslError } from './dsl-error.ts';
import { isRef, type Ref, renderJsonPath, type Untyped } from './refs.ts';

export const RULE: unique symbol = Symbol.for('stepforge.rule');

export type RuleData =
  | {
      readonly kind: 'compare';
      readonly variable: Operand<unknown>;
      readonly operator: string;
      readonly value: unknown;
    }
  | { readonly kind: 'and'; readonly rules: readonly Rule[] }
  | { readonly kind: 'or'; readonly rules: readonly Rule[] }
  | { readonly kind: 'not'; readonly rule: Rule };

export interface Rule {
  readonly [RULE]: RuleData;
}

/** What a rule tests: a typed reference, an untyped one, or a raw JSONPath string. */
export type Operand<T> = Ref<T | null | undefined> | Ref<Untyped> | string;

function variablePath(variable: Operand<unknown>): string {
  if (typeof variable === 'string') return variable;
  if (isRef(variable)) return renderJsonPath(variable);
  throw new DslError('a Choice rule variable must be a reference or a JSONPath string');
}

export function renderRule(rule: Rule, where: string): JsonObject {
  const data = rule[RULE];
  if (data.kind === 'and' || data.kind === 'or') {
    const key = data.kind === 'and' ? 'And' : 'Or';
    return { [key]: data.rules.map((inner, index) => renderRule(inner, `${where}.${key}[${index}]`)) };
  }
  if (data.kind === 'not') return { Not: renderRule(data.rule, `${where}.Not`) };
  const value = isRef(data.value) ? renderJsonPath(data.value) : (data.value as JsonValue);
  return { Variable: variablePath(data.variable), [data.operator]: value };
}

function compare(variable: Operand<unknown>, operator: string, value: unknown): Rule {
  return { [RULE]: { kind: 'compare', variable, operator, value } };
}

type Comparison<T> = (variable: Operand<T>, value: T | Ref<T> | Ref<Untyped>) => Rule;
type PathComparison<T> = (variable: Operand<T>, path: Operand<T>) => Rule;

function comparison<T>(operator: string): Comparison<T> {
  return (variable, value) => compare(variable, isRef(value) ? `${operator}Path` : operator, value);
}

function pathComparison<T>(operator: string): PathComparison<T> {
  return (variable, path) => compare(variable, `${operator}Path`, isRef(path) ? path : path);
}

function test(operator: string) {
  return (variable: Operand<unknown>, expected = true): Rule => compare(variable, operator, expected);
}

/** Every ASL Choice comparison. `xxx(ref, value)`; `xxx(ref, otherRef)` or `xxxPath(ref, '$.raw')` for Path forms. */
export const Condition = {
  stringEquals: comparison<string>('StringEquals'),
  stringEqualsPath: pathComparison<string>('StringEquals'),
  stringLessThan: comparison<string>('StringLessThan'),
  stringLessThanPath: pathComparison<string>('StringLessThan'),
  stringGreaterThan: comparison<string>('StringGreaterThan'),
  stringGreaterThanPath: pathComparison<string>('StringGreaterThan'),
  stringLessThanEquals: comparison<string>('StringLessThanEquals'),
  stringLessThanEqualsPath: pathComparison<string>('StringLessThanEquals'),
  stringGreaterThanEquals: comparison<string>('StringGreaterThanEquals'),
  stringGreaterThanEqualsPath: pathComparison<string>('StringGreaterThanEquals'),
  stringMatches: (variable: Operand<string>, pattern: string): Rule => compare(variable, 'StringMatches', pattern),
  numericEquals: comparison<number>('NumericEquals'),
  numericEqualsPath: pathComparison<number>('NumericEquals'),
  numericLessThan: comparison<number>('NumericLessThan'),
  numericLessThanPath: pathComparison<number>('NumericLessThan'),
  numericGreaterThan: comparison<number>('NumericGreaterThan'),
  numericGreaterThanPath: pathComparison<number>('NumericGreaterThan'),
  numericLessThanEquals: comparison<number>('NumericLessThanEquals'),
  numericLessThanEqualsPath: pathComparison<number>('NumericLessThanEquals'),
  numericGreaterThanEquals: comparison<number>('NumericGreaterThanEquals'),
  numericGreaterThanEqualsPath: pathComparison<number>('NumericGreaterThanEquals'),
  booleanEquals: comparison<boolean>('BooleanEquals'),
  booleanEqualsPath: pathComparison<boolean>('BooleanEquals'),
  timestampEquals: comparison<string>('TimestampEquals'),
  timestampEqualsPath: pathComparison<string>('TimestampEquals'),
  timestampLessThan: comparison<string>('TimestampLessThan'),
  timestampLessThanPath: pathComparison<string>('TimestampLessThan'),
  timestampGreaterThan: comparison<string>('TimestampGreaterThan'),
  timestampGreaterThanPath: pathComparison<string>('TimestampGreaterThan'),
  timestampLessThanEquals: comparison<string>('TimestampLessThanEquals'),
  timestampLessThanEqualsPath: pathComparison<string>('TimestampLessThanEquals'),
  timestampGreaterThanEquals: comparison<string>('TimestampGreaterThanEquals'),
  timestampGreaterThanEqualsPath: pathComparison<string>('TimestampGreaterThanEquals'),
  isPresent: test('IsPresent'),
  isNull: test('IsNull'),
  isNumeric: test('IsNumeric'),
  isString: test('IsString'),
  isBoolean: test('IsBoolean'),
  isTimestamp: test('IsTimestamp'),
  and: (...rules: Rule[]): Rule => ({ [RULE]: { kind: 'and', rules } }),
  or: (...rules: Rule[]): Rule => ({ [RULE]: { kind: 'or', rules } }),
  not: (rule: Rule): Rule => ({ [RULE]: { kind: 'not', rule } }),
} as const;

export function isRule(value: unknown): value is Rule {
  return typeof value === 'object' && value !== null && RULE in value;
}
