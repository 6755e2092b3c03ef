import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Logger } from '../../src/aws/index.ts';
import { TaskError } from '../runtime/task-error.ts';
import { ZipArchiveErrors } from './errors.ts';
import type { ZipSummary, ZipWriter } from './zip-writer.ts';

export interface UploadTarget {
  readonly s3: S3Client;
  readonly bucket: string;
  readonly key: string;
  readonly logger: Logger;
  /** Multipart uploads still open under this prefix (default: the key) once the archive is complete are aborted. */
  readonly staleUploadsPrefix?: string;
  /** Aborting it cancels both the zip and the upload. */
  readonly signal: AbortSignal;
  /** 8 MiB parts, 4 in flight: about 40 MiB of buffers whatever the archive size; 10,000 parts reach 78 GiB. */
  readonly partSize?: number;
  readonly queueSize?: number;
  /** Called each time a part (or the whole object) was uploaded. */
  readonly onProgress?: () => void;
}

export interface UploadedArchive extends ZipSummary {
  readonly etag: string | undefined;
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/**
 * Uploads the zip as it is written (multipart, never whole in memory). Errors travel both ways: a zip failure
 * destroys the upload's body so the upload aborts its multipart upload; an upload failure aborts the zip and its open
 * sources. On any failure no object and no multipart upload is left behind. The stored size is checked against the
 * bytes the zip wrote.
 */
export async function uploadArchive(writer: ZipWriter, target: UploadTarget): Promise<UploadedArchive> {
  const abortController = new AbortController();
  const cancel = (): void => {
    const reason = new TaskError(ZipArchiveErrors.cancelled, 'the task was cancelled while the archive was uploading');
    writer.abort(reason);
    abortController.abort(reason);
  };
  if (target.signal.aborted) cancel();
  else target.signal.addEventListener('abort', cancel, { once: true });
  const upload = new Upload({
    client: target.s3,
    params: { Bucket: target.bucket, Key: target.key, Body: writer.output, ContentType: 'application/zip' },
    partSize: target.partSize ?? 8 * 1024 * 1024,
    queueSize: target.queueSize ?? 4,
    leavePartsOnError: false,
    abortController,
  });
  if (target.onProgress) upload.on('httpUploadProgress', target.onProgress);
  const uploading = upload.done();
  uploading.catch((error: unknown) => writer.abort(asError(error)));

  const [zipped, uploaded] = await Promise.allSettled([writer.done, uploading]);
  target.signal.removeEventListener('abort', cancel);
  if (zipped.status === 'rejected' || uploaded.status === 'rejected') {
    if (upload.uploadId) await abortUpload(target, target.key, upload.uploadId);
    // The zip's error is the cause; the upload's is then only "body destroyed".
    throw asError(zipped.status === 'rejected' ? zipped.reason : (uploaded as PromiseRejectedResult).reason);
  }
  const summary = zipped.value;
  const head = await target.s3.send(new HeadObjectCommand({ Bucket: target.bucket, Key: target.key }));
  if (head.ContentLength !== summary.bytes) {
    await target.s3.send(new DeleteObjectCommand({ Bucket: target.bucket, Key: target.key }));
    throw new TaskError(
      ZipArchiveErrors.sizeMismatch,
      `s3://${target.bucket}/${target.key} holds ${head.ContentLength} bytes but the zip wrote ${summary.bytes}; deleted it`,
    );
  }
  // Only once this archive is complete: a duplicate attempt still running must not lose its upload before then.
  await abortStaleUploads(target).catch((error: unknown) =>
    target.logger.warn('could not clean up multipart uploads of earlier attempts', { key: target.key, error }),
  );
  return { ...summary, etag: uploaded.value.ETag };
}

/**
 * A worker killed mid-upload (SIGKILL, lost host) cannot abort its multipart upload. The folder belongs to this one
 * request, so once its archive is complete, uploads still open under it are earlier attempts': abort them rather than
 * pay for their parts until a lifecycle rule does.
 */
async function abortStaleUploads(target: UploadTarget): Promise<void> {
  const prefix = target.staleUploadsPrefix ?? target.key;
  const listed = await target.s3.send(new ListMultipartUploadsCommand({ Bucket: target.bucket, Prefix: prefix }));
  for (const stale of listed.Uploads ?? []) {
    if (!stale.Key || !stale.UploadId || (target.staleUploadsPrefix === undefined && stale.Key !== target.key))
      continue;
    target.logger.info('aborting a multipart upload left by an earlier attempt', {
      key: stale.Key,
      uploadId: stale.UploadId,
    });
    await abortUpload(target, stale.Key, stale.UploadId);
  }
}

/**
 * lib-storage aborts its multipart upload itself, but after an external abort it does so in the background; this
 * makes the cleanup certain before the failure is reported.
 */
async function abortUpload(target: UploadTarget, key: string, uploadId: string): Promise<void> {
  try {
    await target.s3.send(new AbortMultipartUploadCommand({ Bucket: target.bucket, Key: key, UploadId: uploadId }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name !== 'NoSuchUpload') target.logger.warn('could not abort the multipart upload', { key, uploadId, error });
  }
}
