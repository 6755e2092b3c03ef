import type { AwsClients, Logger } from '../../src/aws/index.ts';
import type { ZipArchiveOutput } from '../../src/contracts/index.ts';
import { TaskError } from '../runtime/task-error.ts';
import { archiveFolder, archiveUrl } from './archive-key.ts';
import { settleArchiveKey } from './settle-archive-key.ts';
import { uploadArchive } from './archive-upload.ts';
import type { ZipArchiveConfig } from './config.ts';
import { entryName, uniqueEntryNames } from './entry-names.ts';
import { ZipArchiveErrors, deniedAs } from './errors.ts';
import { notificationBody, sendNotification } from './notification.ts';
import type { ZipArchivePayload } from './payload.ts';
import { type ResolvedSource, describeSources } from './s3-sources.ts';
import { createZipWriter } from './zip-writer.ts';

export type { ZipArchiveOutput };

export interface CreateArchiveContext {
  readonly clients: Pick<AwsClients, 's3' | 'sqs'>;
  readonly logger: Logger;
  readonly config: ZipArchiveConfig;
  readonly requestId: string;
  readonly signal: AbortSignal;
  /** The task's heartbeat: told of upload progress (the runtime beats on its own timer too; this adds no timer). */
  heartbeat(): Promise<void>;
  /** The date in the key; defaults to now. The queue mode passes the message's sent time so a retry keeps the key. */
  readonly requestDate?: Date;
  /** The least time between two progress heartbeats; default 10 s. */
  readonly heartbeatIntervalMs?: number;
}

/**
 * Checks every source against `S3_SOURCE_BUCKET` + `ALLOWED_SOURCE_BUCKETS` and names the entries. A bucket outside
 * the list is `ZipArchive.SourceNotAllowed` (not InvalidPayload): the payload is well-formed, this deployment just
 * does not serve that bucket, and a workflow may want to tell the two apart.
 */
export function resolveSources(payload: ZipArchivePayload, config: ZipArchiveConfig): ResolvedSource[] {
  const names = uniqueEntryNames(payload.files.map(entryName));
  return payload.files.map((file, index) => {
    const field = `files[${index}].source`;
    const bucket = file.location.bucket ?? config.sourceBucket;
    if (!config.allowedSourceBuckets.has(bucket)) {
      throw new TaskError(
        ZipArchiveErrors.sourceNotAllowed,
        `${field}: bucket "${bucket}" is neither S3_SOURCE_BUCKET nor listed in ALLOWED_SOURCE_BUCKETS`,
      );
    }
    return { field, source: file.source, bucket, key: file.location.key, entryName: names[index]! };
  });
}

/** Calls the task's heartbeat when the upload progresses, at most once per interval: progress, not a second timer. */
function progressHeartbeat(context: CreateArchiveContext): () => void {
  const intervalMs = context.heartbeatIntervalMs ?? 10_000;
  let lastBeat = Number.NEGATIVE_INFINITY;
  return () => {
    const now = Date.now();
    if (now - lastBeat < intervalMs) return;
    lastBeat = now;
    context.heartbeat().catch((error: unknown) => context.logger.warn('heartbeat failed', { error }));
  };
}

/** Zips the requested objects into one archive in S3 and, once it is complete, notifies the destination queue. */
export async function createArchive(
  payload: ZipArchivePayload,
  context: CreateArchiveContext,
): Promise<ZipArchiveOutput> {
  const { config, logger } = context;
  const sources = resolveSources(payload, config);
  const folder = archiveFolder(context.requestId, payload);
  const started = Date.now();
  let key = folder;
  try {
    key = await settleArchiveKey(context.clients.s3, {
      bucket: config.destinationBucket,
      folder,
      filePrefix: config.filePrefix,
      date: context.requestDate ?? new Date(),
      signal: context.signal,
    }).catch((error: unknown) =>
      Promise.reject(deniedAs(`listing s3://${config.destinationBucket}/${folder}/`, error)),
    );
    const url = archiveUrl(config.archiveBaseUrl, key);
    const entries = await describeSources(context.clients.s3, sources, { signal: context.signal });
    const writer = createZipWriter(entries, { compressionLevel: config.compressionLevel });
    const archive = await uploadArchive(writer, {
      s3: context.clients.s3,
      bucket: config.destinationBucket,
      key,
      staleUploadsPrefix: `${folder}/`,
      logger,
      signal: context.signal,
      onProgress: progressHeartbeat(context),
    }).catch((error: unknown) =>
      Promise.reject(deniedAs(`writing the archive s3://${config.destinationBucket}/${key}`, error)),
    );
    logger.info('archive uploaded', {
      bucket: config.destinationBucket,
      key,
      size: archive.bytes,
      fileCount: archive.fileCount,
      zip64: archive.zip64,
      durationMs: Date.now() - started,
    });
    const described = { bucket: config.destinationBucket, key, size: archive.bytes, fileCount: archive.fileCount };
    if (config.destinationQueueUrl) {
      const messageId = await sendNotification(
        context.clients.sqs,
        config.destinationQueueUrl,
        notificationBody(payload.metadata, url, described),
        context.signal,
      ).catch((error: unknown) =>
        Promise.reject(deniedAs(`sending the notification to queue ${config.destinationQueueUrl}`, error)),
      );
      logger.info('archive notification sent', { queueUrl: config.destinationQueueUrl, messageId, key });
    }
    // Key order as the CONTRACT lists it: the output is printed and compared as JSON.
    return {
      bucket: described.bucket,
      key,
      url,
      size: described.size,
      fileCount: described.fileCount,
      metadata: payload.metadata,
    };
  } catch (error) {
    // An abort surfaces from whichever request was in flight (AbortError, "Request aborted"): name it once, here.
    if (context.signal.aborted && !(error instanceof TaskError && error.error === ZipArchiveErrors.cancelled)) {
      throw new TaskError(ZipArchiveErrors.cancelled, `the task was cancelled before the archive ${key} was complete`);
    }
    throw error;
  }
}
