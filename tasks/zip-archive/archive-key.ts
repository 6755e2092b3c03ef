import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from '../../src/contracts/index.ts';
import type { ZipArchivePayload } from './payload.ts';

export { canonicalJson };

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
  return `${archiveFolder(requestId, payload)}/${archiveFileName(filePrefix, date)}`;
}

/** The 64-hex folder of a request's archive: everything under it belongs to that one request. */
export function archiveFolder(requestId: string, payload: ZipArchivePayload): string {
  return createHash('sha256')
    .update(requestId + canonicalPayload(payload))
    .digest('hex');
}

export function archiveFileName(filePrefix: string, date: Date): string {
  return `${filePrefix}-${date.toISOString().slice(0, 10)}.zip`;
}

/** True for `<folder>/<prefix>-YYYY-MM-DD.zip`: a key an earlier attempt of the same request wrote. */
export function isArchiveKeyIn(folder: string, filePrefix: string, key: string): boolean {
  const name = key.slice(folder.length + 1);
  return (
    key.startsWith(`${folder}/`) &&
    name.startsWith(`${filePrefix}-`) &&
    /^\d{4}-\d{2}-\d{2}\.zip$/.test(name.slice(filePrefix.length + 1))
  );
}

/** `ARCHIVE_BASE_URL` + `/` + key, with exactly one slash between them. */
export function archiveUrl(archiveBaseUrl: string, key: string): string {
  return `${archiveBaseUrl.replace(/\/+$/, '')}/${key.replace(/^\/+/, '')}`;
}
