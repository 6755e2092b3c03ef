import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { errorMessage, httpStatusOf, isAwsError } from '../../runtime/aws-error.ts';

const MAX_ATTEMPTS = 12;

/** Existing lines + new ones: sorted, exact duplicates removed, one trailing newline. */
export function mergeLines(existing: string, added: readonly string[]): string {
  const lines = new Set(existing.split('\n').filter((line) => line !== ''));
  for (const line of added) lines.add(line);
  const sorted = [...lines].sort();
  return sorted.length === 0 ? '' : `${sorted.join('\n')}\n`;
}

async function readDayFile(s3: S3Client, bucket: string, key: string, signal: AbortSignal) {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    return { text: await object.Body!.transformToString('utf-8'), etag: object.ETag };
  } catch (error) {
    // Only a missing file starts empty: anything else (access, throttling, a bad bucket) must not overwrite a day.
    if (isAwsError(error, 'NoSuchKey')) return { text: '', etag: undefined };
    throw new Error(`reading s3://${bucket}/${key} failed, nothing written: ${errorMessage(error)}`);
  }
}

function isPreconditionFailure(error: unknown): boolean {
  return (
    isAwsError(error, 'PreconditionFailed', 'ConditionalRequestConflict') ||
    [409, 412].includes(httpStatusOf(error) ?? 0)
  );
}

export interface MergeResult {
  /** Lines in the file afterwards. */
  readonly lines: number;
  /** Whether anything was written (an all-duplicate batch writes nothing). */
  readonly written: boolean;
  /** Conditional writes that lost a race and were redone. */
  readonly conflicts: number;
}

/**
 * Read-merge-write of one day file, at most one write per call. The write is conditional on the ETag read
 * (If-None-Match: * for a new file), so a concurrent merge of the same day makes ours fail with 412 and we merge
 * again on top of theirs: no line is lost.
 */
export async function mergeDayFile(
  s3: S3Client,
  bucket: string,
  key: string,
  lines: readonly string[],
  signal: AbortSignal,
): Promise<MergeResult> {
  for (let attempt = 0; ; attempt++) {
    const current = await readDayFile(s3, bucket, key, signal);
    const merged = mergeLines(current.text, lines);
    const lineCount = merged === '' ? 0 : merged.split('\n').length - 1;
    if (merged === current.text) return { lines: lineCount, written: false, conflicts: attempt };
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: merged,
          ContentType: 'application/x-ndjson',
          ...(current.etag ? { IfMatch: current.etag } : { IfNoneMatch: '*' }),
        }),
        { abortSignal: signal },
      );
      return { lines: lineCount, written: true, conflicts: attempt };
    } catch (error) {
      if (!isPreconditionFailure(error) || attempt + 1 >= MAX_ATTEMPTS) {
        throw new Error(`writing s3://${bucket}/${key} failed after ${attempt + 1} attempts: ${errorMessage(error)}`);
      }
      const delay = Math.min(1000, 25 * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * (delay / 2)));
    }
  }
}
