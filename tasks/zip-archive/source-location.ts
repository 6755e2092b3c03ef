import { isBucketName } from './config.ts';
import { invalidPayload } from './errors.ts';

/** Where a `files[i].source` points: an explicit bucket from an `s3://` URI, or a key in `S3_SOURCE_BUCKET`. */
export interface SourceLocation {
  /** Undefined for a bare key: it lives in `S3_SOURCE_BUCKET`, which only the running task knows. */
  readonly bucket: string | undefined;
  readonly key: string;
}

const MAX_KEY_BYTES = 1024;

/** Parses one source string; throws `ZipArchive.InvalidPayload` naming `field` when it is malformed. */
export function parseSourceLocation(source: string, field: string): SourceLocation {
  let bucket: string | undefined;
  let key = source;
  if (/^s3:/i.test(source)) {
    const match = /^s3:\/\/([^/]*)\/(.*)$/s.exec(source);
    if (!match) throw invalidPayload(field, `"${source}" is not an s3://bucket/key URI`);
    const [, uriBucket, uriKey] = match as unknown as [string, string, string];
    if (uriBucket === '') throw invalidPayload(field, `"${source}" has no bucket (expected s3://bucket/key)`);
    if (!isBucketName(uriBucket))
      throw invalidPayload(field, `"${uriBucket}" in "${source}" is not a valid bucket name`);
    if (uriKey === '') throw invalidPayload(field, `"${source}" has no key (expected s3://bucket/key)`);
    bucket = uriBucket;
    key = uriKey;
  }
  if (key === '') throw invalidPayload(field, 'must not be empty');
  if (key.endsWith('/')) throw invalidPayload(field, `"${source}" names a folder, not an object`);
  if (new TextEncoder().encode(key).length > MAX_KEY_BYTES) {
    throw invalidPayload(field, `the key is longer than ${MAX_KEY_BYTES} bytes`);
  }
  return { bucket, key };
}

/** The last path segment of a key: the entry name when no destination renames it. */
export function baseName(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}
