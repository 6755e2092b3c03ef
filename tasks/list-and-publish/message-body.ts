import type { _Object } from '@aws-sdk/client-s3';
import type { IncludedField } from './input.ts';

/**
 * JSON text with the characters SQS refuses in a message (U+FFFE, U+FFFF; JSON.stringify already escapes the C0
 * controls) written as \u escapes, so any S3 key can travel in a message.
 */
function sqsSafeJson(value: string | number): string {
  return JSON.stringify(value).replace(/[\ufffe\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16)}`);
}

/** S3 reports ETags in quotes; a message carries the bare value. */
function bareEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/^"|"$/g, '');
}

/**
 * The body exactly as the Python publisher wrote it (`json.dumps` spacing): `{"bucket": "...", "key": "..."}`, with
 * `"size"` and `"etag"` appended when asked for.
 */
export function objectMessageBody(bucket: string, object: _Object, include: readonly IncludedField[]): string {
  const parts = [`"bucket": ${sqsSafeJson(bucket)}`, `"key": ${sqsSafeJson(object.Key ?? '')}`];
  if (include.includes('size')) parts.push(`"size": ${sqsSafeJson(object.Size ?? 0)}`);
  if (include.includes('etag')) parts.push(`"etag": ${sqsSafeJson(bareEtag(object.ETag))}`);
  return `{${parts.join(', ')}}`;
}
