import { compareCodeUnits } from './compare.ts';

/**
 * JSON text with object keys sorted at every level and no spacing, so two values that differ only in key order compare
 * (or hash) equal. `undefined` is treated as `JSON.stringify` treats it: an object entry holding it is left out, an
 * array item or the value itself becomes `null`.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => compareCodeUnits(left, right));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Whether a JSON text holds the same value as `value`, whatever the key order and spacing; unparsable text does not. */
export function sameJson(text: string | undefined, value: unknown): boolean {
  try {
    return canonicalJson(JSON.parse(text ?? 'null')) === canonicalJson(value);
  } catch {
    return false;
  }
}
