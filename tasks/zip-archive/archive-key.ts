import { createHash } from 'node:crypto';
import type { JsonValue, ZipArchivePayload } from './payload.ts';

/** JSON with object keys sorted at every level, so equal payloads hash equally whatever order their keys came in. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The payload as the archive depends on it: unknown fields are not part of it, so they do not change the key. */
export function canonicalPayload(payload: ZipArchivePayload): string {
  const files = payload.files.map((file): JsonValue => {
    const entry: { [key: string]: JsonValue } = { source: file.source };
    if (file.destination !== undefined) entry.destination = file.destination;
    return entry;
  });
  return canonicalJson({ files, metadata: payload.metadata });
}

/**
 * `<sha256 hex of requestId + canonical payload>/<prefix>-<YYYY-MM-DD>.zip`: the same request always lands on the
 * same key, so a retry overwrites its earlier attempt instead of leaving an orphan beside it.
 */
export function archiveKey(requestId: string, payload: ZipArchivePayload, filePrefix: string, date: Date): string {
  const hash = createHash('sha256').update(requestId + canonicalPayload(payload)).digest('hex');
  return `${hash}/${filePrefix}-${date.toISOString().slice(0, 10)}.zip`;
}

/** `ARCHIVE_BASE_URL` + `/` + key, with exactly one slash between them. */
export function archiveUrl(archiveBaseUrl: string, key: string): string {
  return `${archiveBaseUrl.replace(/\/+$/, '')}/${key.replace(/^\/+/, '')}`;
}
