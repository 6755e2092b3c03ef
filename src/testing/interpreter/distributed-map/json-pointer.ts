// RFC 6901 JSON Pointer, as ReaderConfig.ItemsPointer uses it to select the array of items inside a JSON file whose
// top level is an object (`"/data/items"`; `~1` is `/` and `~0` is `~` in a token; `""` is the whole document).
import type { JsonValue } from '../../json.ts';

export function resolvePointer(document: JsonValue, pointer: string): JsonValue | undefined {
  if (pointer === '') return document;
  if (!pointer.startsWith('/'))
    throw new Error(`ItemsPointer ${JSON.stringify(pointer)} is not a JSON Pointer (it starts with /)`);
  let current: JsonValue | undefined = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) current = /^(0|[1-9]\d*)$/.test(token) ? current[Number(token)] : undefined;
    else if (current !== null && typeof current === 'object')
      current = Object.hasOwn(current, token) ? current[token] : undefined;
    else return undefined;
    if (current === undefined) return undefined;
  }
  return current;
}
