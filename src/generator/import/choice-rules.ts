// JSONPath Choice rules -> `Condition.*` calls (`{ Variable: '$.status', StringEquals: 'PAID' }` ->
// `Condition.stringEquals(input.status, "PAID")`), checked by rendering them back with the DSL; a rule the helpers
// cannot write exactly (unknown operator, odd key set) stays the raw rule object.
import { isDeepStrictEqual } from 'node:util';
import type { JsonObject, JsonValue } from '../../dsl/asl-types.ts';
import { Condition, isRule, renderRule, type Rule } from '../../dsl/condition.ts';
import { isJsonObject } from '../asl/json.ts';
import { primitiveCode, stringLiteral } from './code-text.ts';
import type { CodeScope } from './code-scope.ts';
import { referenceCode, type ValueKind } from './references.ts';

type Family = 'string' | 'numeric' | 'boolean' | 'timestamp' | 'test';

const OPERATORS: Record<string, Family> = {
  StringEquals: 'string',
  StringLessThan: 'string',
  StringGreaterThan: 'string',
  StringLessThanEquals: 'string',
  StringGreaterThanEquals: 'string',
  StringMatches: 'string',
  NumericEquals: 'numeric',
  NumericLessThan: 'numeric',
  NumericGreaterThan: 'numeric',
  NumericLessThanEquals: 'numeric',
  NumericGreaterThanEquals: 'numeric',
  BooleanEquals: 'boolean',
  TimestampEquals: 'timestamp',
  TimestampLessThan: 'timestamp',
  TimestampGreaterThan: 'timestamp',
  TimestampLessThanEquals: 'timestamp',
  TimestampGreaterThanEquals: 'timestamp',
  IsPresent: 'test',
  IsNull: 'test',
  IsNumeric: 'test',
  IsString: 'test',
  IsBoolean: 'test',
  IsTimestamp: 'test',
};

const KIND_OF_FAMILY: Record<Family, ValueKind | undefined> = {
  string: 'string',
  timestamp: 'string',
  numeric: 'number',
  boolean: undefined,
  test: undefined,
};

interface BuiltRule {
  readonly code: string;
  readonly rule: Rule;
}

const helperName = (operator: string): string => operator[0]!.toLowerCase() + operator.slice(1);

/** A typed operand accepts an untyped reference, or one typed like the comparison. */
function operandCode(path: string, family: Family, scope: CodeScope): { code: string; value: unknown } {
  const reference = referenceCode(path, scope);
  const wanted = KIND_OF_FAMILY[family];
  if (
    reference &&
    (reference.kind === 'untyped' || (wanted !== undefined && reference.kind === wanted) || family === 'test')
  ) {
    return { code: reference.code, value: reference.ref };
  }
  return { code: stringLiteral(path), value: path };
}

function buildComparison(rule: JsonObject, scope: CodeScope): BuiltRule | undefined {
  const keys = Object.keys(rule);
  if (keys.length !== 2 || typeof rule.Variable !== 'string') return undefined;
  const operatorKey = keys.find((key) => key !== 'Variable')!;
  const isPath = operatorKey.endsWith('Path') && operatorKey !== 'Path';
  const operator = isPath ? operatorKey.slice(0, -4) : operatorKey;
  const family = OPERATORS[operator];
  if (!family || (isPath && (family === 'test' || operator === 'StringMatches'))) return undefined;
  const value = rule[operatorKey];
  const variable = operandCode(rule.Variable, family, scope);
  const call = (name: string, args: unknown[]) =>
    (Condition[name as keyof typeof Condition] as (...values: unknown[]) => Rule)(...args);
  if (isPath) {
    if (typeof value !== 'string') return undefined;
    const other = operandCode(value, family, scope);
    const name = `${helperName(operator)}Path`;
    return {
      code: `${scope.use('Condition')}.${name}(${variable.code}, ${other.code})`,
      rule: call(name, [variable.value, other.value]),
    };
  }
  const expected: Record<Family, string> = {
    string: 'string',
    timestamp: 'string',
    numeric: 'number',
    boolean: 'boolean',
    test: 'boolean',
  };
  if (typeof value !== expected[family]) return undefined;
  const name = helperName(operator);
  const valueCode = family === 'test' && value === true ? '' : `, ${primitiveCode(value as string | number | boolean)}`;
  return {
    code: `${scope.use('Condition')}.${name}(${variable.code}${valueCode})`,
    rule: call(name, [variable.value, value]),
  };
}

function buildRule(rule: JsonValue | undefined, scope: CodeScope): BuiltRule | undefined {
  if (!isJsonObject(rule)) return undefined;
  const keys = Object.keys(rule);
  if (keys.length === 1 && (keys[0] === 'And' || keys[0] === 'Or')) {
    const list = rule[keys[0]];
    if (!Array.isArray(list) || list.length === 0) return undefined;
    const inner = list.map((item) => buildRule(item, scope));
    if (inner.some((item) => item === undefined)) return undefined;
    const built = inner as BuiltRule[];
    const name = keys[0] === 'And' ? 'and' : 'or';
    const rules = built.map((item) => item.rule);
    return {
      code: `${scope.use('Condition')}.${name}(${built.map((item) => item.code).join(', ')})`,
      rule: name === 'and' ? Condition.and(...rules) : Condition.or(...rules),
    };
  }
  if (keys.length === 1 && keys[0] === 'Not') {
    const inner = buildRule(rule.Not, scope);
    return inner
      ? { code: `${scope.use('Condition')}.not(${inner.code})`, rule: Condition.not(inner.rule) }
      : undefined;
  }
  return buildComparison(rule, scope);
}

/** `Condition.*` code for a rule (without Next/Comment/Assign/Output), or undefined to keep the raw object. */
export function conditionCode(rule: JsonObject, scope: CodeScope): string | undefined {
  const trial = scope.trial();
  const built = buildRule(rule, trial);
  if (!built || !isRule(built.rule)) return undefined;
  if (!isDeepStrictEqual(renderRule(built.rule, 'import'), rule)) return undefined;
  scope.adopt(trial);
  return built.code;
}
