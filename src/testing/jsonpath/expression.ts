// The value a JSONPath-mode expression stands for: `$...` (the state's data), `$$...` (the Context object),
// `$name...` (a variable) or `States.Fn(...)` (an intrinsic function).
import { StatesError, STATES } from '../errors.ts';
import { callIntrinsic } from '../intrinsics.ts';
import type { JsonValue } from '../json.ts';
import { lookupPath } from './evaluate.ts';

export interface PathScope {
  readonly data: JsonValue;
  readonly context: JsonValue;
  /** Reads a workflow variable; undefined when it was never assigned. */
  readonly variable: (name: string) => JsonValue | undefined;
  /** Seeded randomness for States.MathRandom and States.UUID. */
  readonly random: () => number;
}

export type Lookup =
  | { readonly found: true; readonly value: JsonValue }
  | { readonly found: false; readonly why: string };

export function isIntrinsic(expression: string): boolean {
  return /^States\.[A-Za-z0-9]+\(/.test(expression.trim());
}

/** Looks up a path-like expression; `found: false` means "no such node", which callers report in their own words. */
export function lookup(expression: string, scope: PathScope): Lookup {
  const text = expression.trim();
  if (isIntrinsic(text)) return { found: true, value: callIntrinsic(text, scope) };
  if (text.startsWith('$$')) return named(lookupPath(text.slice(1), scope.context), text);
  if (text === '$' || text.startsWith('$.') || text.startsWith('$[')) return named(lookupPath(text, scope.data), text);
  const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(text);
  if (variable) {
    const value = scope.variable(variable[1] as string);
    if (value === undefined) return { found: false, why: `variable $${variable[1]} is not defined` };
    return named(lookupPath(`$${variable[2]}`, value), text);
  }
  throw new StatesError(STATES.Runtime, `'${text}' is not a path, a context path, a variable or an intrinsic function`);
}

function named(result: ReturnType<typeof lookupPath>, path: string): Lookup {
  return result.found ? result : { found: false, why: `no results for path ${path}` };
}

/** Evaluates an expression that must resolve (InputPath, OutputPath, ItemsPath, ...): a missing node is States.Runtime. */
export function evaluate(expression: string, scope: PathScope, field: string): JsonValue {
  const result = lookup(expression, scope);
  if (result.found) return result.value;
  throw new StatesError(
    STATES.Runtime,
    `Invalid path '${expression}' in ${field}: the path does not exist in ${JSON.stringify(scope.data)} (${result.why})`,
  );
}
