import type { ObjectRef } from '../action/action.ts';
import { describe } from '../runtime/input-fields.ts';

export type ParsedBody =
  | { readonly ok: true; readonly item: ObjectRef }
  | { readonly ok: false; readonly field: string; readonly reason: string };

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/**
 * A consume message body: `{"bucket", "key"}` (extra fields such as size/etag are ignored), or the legacy
 * `{"name", "path"}` whose key is `name` in the configured legacy bucket. Anything else names the field at fault.
 */
export function parseObjectMessage(body: string | undefined, legacyBucket: string | undefined): ParsedBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch (error) {
    return { ok: false, field: 'body', reason: `not JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, field: 'body', reason: `must be a JSON object, got ${describe(parsed)}` };
  }
  const record = parsed as Record<string, unknown>;
  if (!('bucket' in record) && !('key' in record) && 'name' in record) {
    if (!nonEmptyString(record.name))
      return { ok: false, field: 'name', reason: `must be a non-empty string, got ${describe(record.name)}` };
    if (legacyBucket === undefined) {
      return { ok: false, field: 'name', reason: 'a legacy {name, path} body needs the consume input "legacyBucket"' };
    }
    return { ok: true, item: { bucket: legacyBucket, key: record.name } };
  }
  for (const field of ['bucket', 'key'] as const) {
    if (!nonEmptyString(record[field])) {
      return {
        ok: false,
        field,
        reason: `must be a non-empty string, got ${record[field] === undefined ? 'nothing' : describe(record[field])}`,
      };
    }
  }
  return { ok: true, item: { bucket: record.bucket as string, key: record.key as string } };
}
