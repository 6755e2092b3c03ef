import { setMaxListeners } from 'node:events';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, type HeadObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { TaskError } from '../runtime/task-error.ts';
import { ZipArchiveErrors } from './errors.ts';
import { SourceLengthError } from './lazy-source.ts';
import type { ZipEntrySource } from './zip-writer.ts';

/** One requested file, resolved to its bucket and its entry name. */
export interface ResolvedSource {
  /** `files[i].source`, for error causes. */
  readonly field: string;
  /** The source string as the caller wrote it. */
  readonly source: string;
  readonly bucket: string;
  readonly key: string;
  readonly entryName: string;
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

function where(source: ResolvedSource): string {
  return `${source.field} "${source.source}" (s3://${source.bucket}/${source.key})`;
}

/** Maps an S3 failure about one source to the named error a workflow can catch; others pass through unchanged. */
export function explainSourceError(source: ResolvedSource, error: unknown): Error {
  if (error instanceof TaskError) return error;
  const name = (error as { name?: string } | undefined)?.name;
  const status = statusOf(error);
  if (name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchBucket' || status === 404) {
    return new TaskError(ZipArchiveErrors.sourceNotFound, `${where(source)}: no such object`);
  }
  if (name === 'AccessDenied' || name === 'Forbidden' || status === 403) {
    return new TaskError(ZipArchiveErrors.accessDenied, `${where(source)}: access denied`);
  }
  if (error instanceof SourceLengthError || name === 'PreconditionFailed' || status === 412) {
    const detail = error instanceof Error ? error.message : String(error);
    return new TaskError(
      ZipArchiveErrors.sourceChanged,
      `${where(source)}: the object changed while it was archived (${detail})`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

function toNodeReadable(body: unknown): Readable {
  if (body instanceof Readable) return body;
  if (body && typeof (body as ReadableStream).getReader === 'function') {
    return Readable.fromWeb(body as import('node:stream/web').ReadableStream);
  }
  throw new Error('S3 returned a body that is not a stream');
}

/**
 * Reads one source's bytes from `start`, pinned to the version that was measured (If-Match), so a replaced object
 * fails loudly instead of being spliced into a resumed entry.
 */
function opener(s3: S3Client, source: ResolvedSource, etag: string | undefined) {
  return async (signal: AbortSignal, start: number): Promise<Readable> => {
    try {
      const response = await s3.send(
        new GetObjectCommand({
          Bucket: source.bucket,
          Key: source.key,
          ...(etag ? { IfMatch: etag } : {}),
          ...(start > 0 ? { Range: `bytes=${start}-` } : {}),
        }),
        { abortSignal: signal },
      );
      return toNodeReadable(response.Body);
    } catch (error) {
      throw explainSourceError(source, error);
    }
  };
}

/**
 * Measures every source (HeadObject: size, LastModified, ETag) before the archive starts, so a missing object fails
 * the request before an upload exists, and the zip knows whether it needs zip64. No object byte is read here.
 */
export async function describeSources(
  s3: S3Client,
  sources: readonly ResolvedSource[],
  options: { signal: AbortSignal; concurrency?: number },
): Promise<ZipEntrySource[]> {
  const described: ZipEntrySource[] = new Array(sources.length);
  const concurrency = Math.min(options.concurrency ?? 16, sources.length);
  // Each HeadObject in flight listens on the task's signal: more than Node's default of 10 is expected, not a leak.
  setMaxListeners(concurrency + 10, options.signal);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < sources.length) {
      const index = next++;
      const source = sources[index]!;
      let head: HeadObjectCommandOutput;
      try {
        head = await s3.send(new HeadObjectCommand({ Bucket: source.bucket, Key: source.key }), {
          abortSignal: options.signal,
        });
      } catch (error) {
        throw explainSourceError(source, error);
      }
      described[index] = {
        name: source.entryName,
        size: head.ContentLength ?? 0,
        modified: head.LastModified ?? new Date(),
        open: opener(s3, source, head.ETag),
        explainError: (error) => explainSourceError(source, error),
      };
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  await Promise.all(workers);
  return described;
}
