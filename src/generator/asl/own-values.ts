import { isJsonObject, type JsonObject, type JsonValue } from './json.ts';

/** Fields of a state that hold other scopes; their states are analysed on their own, not as part of the owner. */
const NESTED_SCOPE_FIELDS = new Set(['Branches', 'ItemProcessor', 'Iterator']);

export interface OwnString {
  /** Where the string sits, e.g. `Arguments.Body.key` or `Choices[0].Condition`. */
  readonly field: string;
  /** The object key it is the value of (`"key.$"` matters for JSONPath). */
  readonly key: string;
  readonly value: string;
}

function walk(value: JsonValue, field: string, key: string, found: OwnString[]): void {
  if (typeof value === 'string') found.push({ field, key, value });
  else if (Array.isArray(value))
    for (const [index, item] of value.entries()) walk(item, `${field}[${index}]`, key, found);
  else if (isJsonObject(value))
    for (const [name, inner] of Object.entries(value)) walk(inner, field ? `${field}.${name}` : name, name, found);
}

/** Every string of a state's own fields (payload templates, rules, catchers...), nested scopes left out. */
export function ownStrings(state: JsonObject): OwnString[] {
  const found: OwnString[] = [];
  for (const [name, value] of Object.entries(state)) {
    if (NESTED_SCOPE_FIELDS.has(name)) continue;
    walk(value, name, name, found);
  }
  return found;
}

/** `{% expr %}` -> `expr`; anything else -> undefined. */
export function jsonataBody(value: string): string | undefined {
  const match = /^\s*\{%([\s\S]*)%\}\s*$/.exec(value);
  return match ? match[1] : undefined;
}

/** A Pass state's `Result` is data, never evaluated: `.$` keys and `{% %}` inside it are plain strings. */
export function isLiteralField(field: string): boolean {
  return field === 'Result' || field.startsWith('Result.') || field.startsWith('Result[');
}
