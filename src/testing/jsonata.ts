// JSONata mode: strings written `{% expression %}` (in Arguments, Output, Assign, Condition, Items, ...) are
// evaluated with the `jsonata` package; `$states` holds input, result, errorOutput and context, and every workflow
// variable is bound by name. The functions Step Functions adds to JSONata ($partition, $range, $hash, $random,
// $randomSeeded, $uuid, $parse) are bound too.
import { createHash } from 'node:crypto';
import jsonata from 'jsonata';
import { StatesError, STATES } from './errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './json.ts';
import { seeded, uuidFrom } from './random.ts';

export interface JsonataScope {
  readonly states: {
    readonly input: JsonValue;
    readonly context: JsonValue;
    readonly result?: JsonValue;
    readonly errorOutput?: JsonValue;
  };
  readonly variables: Readonly<Record<string, JsonValue>>;
  readonly random: () => number;
}

const EXPRESSION = /^\{%(.*)%\}$/s;
const compiled = new Map<string, ReturnType<typeof jsonata>>();

export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && EXPRESSION.test(value);
}

/** Evaluates every `{% %}` string inside a JSON template (objects and arrays are walked; other values are copied). */
export async function evaluateJsonataTemplate(
  template: JsonValue,
  scope: JsonataScope,
  field: string,
): Promise<JsonValue> {
  if (typeof template === 'string') {
    return isJsonataExpression(template) ? evaluateJsonata(template, scope, field) : template;
  }
  if (Array.isArray(template)) {
    const items: JsonValue[] = [];
    for (const item of template) items.push(await evaluateJsonataTemplate(item, scope, field));
    return items;
  }
  if (isJsonObject(template)) {
    const result: JsonObject = {};
    for (const [key, value] of Object.entries(template))
      result[key] = await evaluateJsonataTemplate(value, scope, field);
    return result;
  }
  return template;
}

export async function evaluateJsonata(text: string, scope: JsonataScope, field: string): Promise<JsonValue> {
  const source = (EXPRESSION.exec(text)?.[1] ?? text).trim();
  let expression = compiled.get(source);
  try {
    if (!expression) {
      expression = jsonata(source);
      compiled.set(source, expression);
    }
  } catch (error) {
    throw new StatesError(
      STATES.QueryEvaluationError,
      `${field}: cannot parse the JSONata expression ${text}: ${message(error)}`,
    );
  }
  let value: unknown;
  try {
    value = await expression.evaluate(scope.states.input, bindings(scope));
  } catch (error) {
    if (error instanceof StatesError) throw error;
    throw new StatesError(
      STATES.QueryEvaluationError,
      `${field}: the JSONata expression ${text} failed: ${message(error)}`,
    );
  }
  if (value === undefined) {
    throw new StatesError(
      STATES.QueryEvaluationError,
      `${field}: the JSONata expression ${text} returned an empty sequence (undefined)`,
    );
  }
  if (typeof value === 'function') {
    throw new StatesError(
      STATES.QueryEvaluationError,
      `${field}: the JSONata expression ${text} returned a function, not JSON`,
    );
  }
  // JSONata sequences are arrays with extra flags; a JSON round trip leaves plain JSON.
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

function bindings(scope: JsonataScope): Record<string, unknown> {
  return {
    ...scope.variables,
    states: scope.states,
    partition: (array: unknown, size: number) => {
      if (!Array.isArray(array) || !Number.isInteger(size) || size <= 0)
        fail('$partition(array, size): size must be a positive integer');
      const list = array as unknown[];
      const chunks: unknown[][] = [];
      for (let at = 0; at < list.length; at += size) chunks.push(list.slice(at, at + size));
      return chunks;
    },
    range: (start: number, end: number, step: number) => {
      if (![start, end, step].every(Number.isInteger) || step === 0)
        fail('$range(start, end, step): integers, step not 0');
      const values: number[] = [];
      for (let value = start; step > 0 ? value <= end : value >= end; value += step) values.push(value);
      return values;
    },
    hash: (data: unknown, algorithm: string) => {
      const names: Record<string, string> = {
        MD5: 'md5',
        'SHA-1': 'sha1',
        'SHA-256': 'sha256',
        'SHA-384': 'sha384',
        'SHA-512': 'sha512',
      };
      const name = names[algorithm];
      if (!name) fail(`$hash: unknown algorithm ${algorithm}`);
      return createHash(name as string)
        .update(typeof data === 'string' ? data : JSON.stringify(data))
        .digest('hex');
    },
    random: () => scope.random(),
    // As JSONata's own functions: an undefined argument gives undefined (then "returned nothing"), not a number.
    randomSeeded: (seed: number | undefined) => (seed === undefined ? undefined : seeded(seed)()),
    uuid: () => uuidFrom(scope.random),
    parse: (text: string) => {
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        return fail(`$parse: not JSON: ${message(error)}`);
      }
    },
  };
}

function fail(why: string): never {
  throw new StatesError(STATES.QueryEvaluationError, why);
}

function message(error: unknown): string {
  // jsonata throws plain objects { code, message, position }, not Errors.
  const text = (error as { message?: unknown } | null)?.message;
  return typeof text === 'string' ? text : String(error);
}
