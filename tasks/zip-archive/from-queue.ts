import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import type { AwsClients, Env, Logger } from '../../src/aws/index.ts';
import { TaskError } from '../runtime/task-error.ts';
import { readZipArchiveConfig, type ZipArchiveConfig } from './config.ts';
import { createArchive } from './create-archive.ts';
import { isRequestRejection } from './errors.ts';
import { parseZipArchivePayload } from './payload.ts';

export interface ZipArchiveQueueOptions {
  readonly clients: Pick<AwsClients, 's3' | 'sqs'>;
  readonly logger: Logger;
  /** Read with `readZipArchiveConfig`; `SQS_SOURCE_QUEUE` is required here. */
  readonly env: Env;
  /** Aborted: take no new message, finish the ones in flight. */
  readonly stopTaking: AbortSignal;
  /** Aborted: abandon in-flight archives (their messages return to the queue). Unset: in-flight work always finishes. */
  readonly hardStop?: AbortSignal;
  /** Messages worked on at once; default 1. */
  readonly concurrency?: number;
  /** The visibility a received message gets and is extended by while it is worked on; default 60 s. */
  readonly visibilityTimeoutSeconds?: number;
  /** Long poll wait; default 20 s. */
  readonly waitTimeSeconds?: number;
  /** Stop once the queue stayed empty this long (tests, batch runs); default: run until `stopTaking`. */
  readonly idleSeconds?: number;
}

export interface ZipArchiveQueueSummary {
  readonly received: number;
  readonly succeeded: number;
  /** Failed archives: the message stays and is received again (and ends in the DLQ after maxReceiveCount). */
  readonly failed: number;
  /** Bad payloads: logged with the field at fault and left for the DLQ, never deleted. */
  readonly rejected: number;
}

interface Counts {
  received: number;
  succeeded: number;
  failed: number;
  rejected: number;
}

/** Keeps a message invisible while its archive is built, as the archiver service did with its long jobs. */
function extendVisibility(options: ZipArchiveQueueOptions, queueUrl: string, message: Message, seconds: number): () => void {
  const timer = setInterval(() => {
    options.clients.sqs
      .send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: seconds }))
      .catch((error: unknown) => options.logger.warn('could not extend message visibility', { messageId: message.MessageId, error }));
  }, (seconds * 1000) / 3);
  timer.unref?.();
  return () => clearInterval(timer);
}

async function handleMessage(
  options: ZipArchiveQueueOptions,
  config: ZipArchiveConfig,
  queueUrl: string,
  message: Message,
  counts: Counts,
): Promise<void> {
  const messageId = message.MessageId ?? '';
  const logger = options.logger.child({ task: 'zip-archive', messageId });
  const visibility = options.visibilityTimeoutSeconds ?? 60;
  const stopExtending = extendVisibility(options, queueUrl, message, visibility);
  const started = Date.now();
  try {
    const payload = parseZipArchivePayload(message.Body ?? '');
    const sent = Number(message.Attributes?.SentTimestamp);
    await createArchive(payload, {
      clients: options.clients,
      logger,
      config,
      requestId: messageId,
      requestDate: Number.isFinite(sent) && sent > 0 ? new Date(sent) : undefined,
      signal: options.hardStop ?? new AbortController().signal,
      heartbeat: async () => {},
    });
    // Only now: the notification went out, so deleting cannot lose a request.
    await options.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    counts.succeeded++;
    logger.info('message done', { outcome: 'succeeded', durationMs: Date.now() - started });
  } catch (error) {
    if (isRequestRejection(error)) {
      counts.rejected++;
      logger.error('bad archive request left for the DLQ', { outcome: 'rejected', error: error.error, cause: error.cause });
    } else {
      counts.failed++;
      const detail = error instanceof TaskError ? { error: error.error, cause: error.cause } : { error };
      logger.error('archive failed; the message will be received again', { outcome: 'failed', ...detail });
    }
  } finally {
    stopExtending();
  }
}

/**
 * The archiver service's own mode (`stepforge worker zip-archive --from-queue`): long-polls `SQS_SOURCE_QUEUE`, builds
 * one archive per message (requestId = the message id, so a redelivered message overwrites its own archive) and
 * deletes a message only after its notification was sent. Resolves with the counts once stopped.
 */
export async function runZipArchiveFromQueue(options: ZipArchiveQueueOptions): Promise<ZipArchiveQueueSummary> {
  const config = readZipArchiveConfig(options.env, { requireSourceQueue: true });
  const queueUrl = config.sourceQueueUrl!;
  const counts: Counts = { received: 0, succeeded: 0, failed: 0, rejected: 0 };
  let lastMessageAt = Date.now();
  const idle = (): boolean =>
    options.idleSeconds !== undefined && Date.now() - lastMessageAt >= options.idleSeconds * 1000;
  const slot = async (): Promise<void> => {
    while (!options.stopTaking.aborted && !idle()) {
      let messages: Message[];
      try {
        const response = await options.clients.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 1,
            WaitTimeSeconds: Math.min(options.waitTimeSeconds ?? 20, options.idleSeconds ?? 20),
            VisibilityTimeout: options.visibilityTimeoutSeconds ?? 60,
            MessageSystemAttributeNames: ['SentTimestamp'],
          }),
          { abortSignal: options.stopTaking },
        );
        messages = response.Messages ?? [];
      } catch (error) {
        if (options.stopTaking.aborted) return;
        options.logger.error('receive failed; retrying', { queueUrl, error });
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      for (const message of messages) {
        lastMessageAt = Date.now();
        counts.received++;
        await handleMessage(options, config, queueUrl, message, counts);
        lastMessageAt = Date.now();
      }
    }
  };
  options.logger.info('consuming archive requests', { queueUrl, concurrency: options.concurrency ?? 1 });
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, slot));
  options.logger.info('stopped consuming archive requests', { queueUrl, ...counts });
  return { ...counts };
}
