// JSONPath Choice rules: a Variable compared by one operator (each with its ...Path form), the type tests, and
// And/Or/Not. A comparison between different types is false; a Variable that does not resolve is States.Runtime
// (except for IsPresent, which is what it tests).
import { StatesError, STATES } from '../errors.ts';
import { lookup, type PathScope } from '../jsonpath/index.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export function isTimestamp(value: JsonValue): boolean {
  return typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

type Comparator = (variable: JsonValue, operand: JsonValue) => boolean;

const both =
  <T>(guard: (value: JsonValue) => boolean, compare: (left: T, right: T) => boolean): Comparator =>
  (variable, operand) =>
    guard(variable) && guard(operand) && compare(variable as T, operand as T);
const isString = (value: JsonValue): boolean => typeof value === 'string';
const isNumber = (value: JsonValue): boolean => typeof value === 'number';
const time = (value: string): number => Date.parse(value);

const COMPARATORS: Readonly<Record<string, Comparator>> = {
  StringEquals: both<string>(isString, (left, right) => left === right),
  StringLessThan: both<string>(isString, (left, right) => left < right),
  StringGreaterThan: both<string>(isString, (left, right) => left > right),
  StringLessThanEquals: both<string>(isString, (left, right) => left <= right),
  StringGreaterThanEquals: both<string>(isString, (left, right) => left >= right),
  StringMatches: both<string>(isString, (left, pattern) => wildcard(pattern).test(left)),
  NumericEquals: both<number>(isNumber, (left, right) => left === right),
  NumericLessThan: both<number>(isNumber, (left, right) => left < right),
  NumericGreaterThan: both<number>(isNumber, (left, right) => left > right),
  NumericLessThanEquals: both<number>(isNumber, (left, right) => left <= right),
  NumericGreaterThanEquals: both<number>(isNumber, (left, right) => left >= right),
  BooleanEquals: both<boolean>(
    (value) => typeof value === 'boolean',
    (left, right) => left === right,
  ),
  TimestampEquals: both<string>(isTimestamp, (left, right) => time(left) === time(right)),
  TimestampLessThan: both<string>(isTimestamp, (left, right) => time(left) < time(right)),
  TimestampGreaterThan: both<string>(isTimestamp, (left, right) => time(left) > time(right)),
  TimestampLessThanEquals: both<string>(isTimestamp, (left, right) => time(left) <= time(right)),
  TimestampGreaterThanEquals: both<string>(isTimestamp, (left, right) => time(left) >= time(right)),
};

const TYPE_TESTS: Readonly<Record<string, (value: JsonValue) => boolean>> = {
  IsNull: (value) => value === null,
  IsNumeric: isNumber,
  IsString: isString,
  IsBoolean: (value) => typeof value === 'boolean',
  IsTimestamp: isTimestamp,
};

/** StringMatches: `*` matches any run of characters; `\*` is a literal star and `\\` a literal backslash. */
function wildcard(pattern: string): RegExp {
  let source = '';
  for (let at = 0; at < pattern.length; at += 1) {
    const char = pattern[at] as string;
    if (char === '\\' && at + 1 < pattern.length) source += escapeRegExp(pattern[++at] as string);
    else if (char === '*') source += '.*';
    else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, 's');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function ruleMatches(rule: JsonObject, scope: PathScope, stateName: string): boolean {
  if (Array.isArray(rule.And)) return rule.And.every((inner) => ruleMatches(inner as JsonObject, scope, stateName));
  if (Array.isArray(rule.Or)) return rule.Or.some((inner) => ruleMatches(inner as JsonObject, scope, stateName));
  if (isJsonObject(rule.Not)) return !ruleMatches(rule.Not, scope, stateName);
  const variablePath = String(rule.Variable);
  const variable = lookup(variablePath, scope);
  if (typeof rule.IsPresent === 'boolean') return variable.found === rule.IsPresent;
  if (!variable.found) {
    throw new StatesError(
      STATES.Runtime,
      `Invalid path '${variablePath}' in Choice state '${stateName}': the choice state's condition path references an invalid value.`,
    );
  }
  for (const [operator, test] of Object.entries(TYPE_TESTS)) {
    if (typeof rule[operator] === 'boolean') return test(variable.value) === rule[operator];
  }
  for (const [operator, compare] of Object.entries(COMPARATORS)) {
    if (operator in rule) return compare(variable.value, rule[operator] as JsonValue);
    const pathOperator = `${operator}Path`;
    if (pathOperator in rule) {
      const operandPath = String(rule[pathOperator]);
      const operand = lookup(operandPath, scope);
      if (!operand.found) {
        throw new StatesError(
          STATES.Runtime,
          `Invalid path '${operandPath}' in ${pathOperator} of Choice state '${stateName}': the path does not exist.`,
        );
      }
      return compare(variable.value, operand.value);
    }
  }
  throw new StatesError(
    STATES.Runtime,
    `Choice state '${stateName}' has a rule with no comparison operator: ${JSON.stringify(rule)}`,
  );
}
