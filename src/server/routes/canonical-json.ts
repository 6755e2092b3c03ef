/** JSON with object keys sorted, so two inputs that differ only in key order or spacing compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Whether a stored execution input (text) holds the same JSON value as `value`. */
export function sameJson(storedText: string | undefined, value: unknown): boolean {
  try {
    return canonicalJson(JSON.parse(storedText ?? 'null')) === canonicalJson(value);
  } catch {
    return false;
  }
}
