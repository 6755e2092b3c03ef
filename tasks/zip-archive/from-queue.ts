import type { Message } from '@aws-sdk/client-sqs';
import type { AwsClients, Env, Logger } from '../../src/aws/index.ts';
import { Slots } from '../runtime/slots.ts';
import { type MessageOutcome, runSqsIntake } from '../runtime/sqs-intake/index.ts';
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
  /** Aborted: take no new message, finish the ones in flight (a long poll under way returns first, see the intake). */
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

/** Builds the archive one message asks for; its message is deleted (by the intake) only after the notification. */
async function archiveRequest(
  options: ZipArchiveQueueOptions,
  config: ZipArchiveConfig,
  message: Message,
  rejections: { count: number },
): Promise<MessageOutcome> {
  const messageId = message.MessageId ?? '';
  const logger = options.logger.child({ task: 'zip-archive', messageId });
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
      // No task token to keep alive: the intake keeps the message invisible instead.
      heartbeat: async () => {},
    });
    logger.info('message done', { outcome: 'succeeded', durationMs: Date.now() - started });
    return 'succeeded';
  } catch (error) {
    if (isRequestRejection(error)) {
      rejections.count++;
      logger.error('bad archive request left for the DLQ', {
        outcome: 'rejected',
        error: error.error,
        cause: error.cause,
      });
    } else {
      const detail = error instanceof TaskError ? { error: error.error, cause: error.cause } : { error };
      logger.error('archive failed; the message will be received again', { outcome: 'failed', ...detail });
    }
    return 'failed';
  }
}

/**
 * The archiver service's own mode (`stepforge worker zip-archive --from-queue`): the SQS intake over
 * `SQS_SOURCE_QUEUE`, one archive per message (requestId = the message id, so a redelivered message overwrites its own
 * archive), a message deleted only after its notification was sent. Resolves with the counts once stopped.
 */
export async function runZipArchiveFromQueue(options: ZipArchiveQueueOptions): Promise<ZipArchiveQueueSummary> {
  const config = readZipArchiveConfig(options.env, { requireSourceQueue: true });
  const queueUrl = config.sourceQueueUrl!;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const rejections = { count: 0 };
  options.logger.info('consuming archive requests', { queueUrl, concurrency });
  const summary = await runSqsIntake(
    {
      sqs: options.clients.sqs,
      queueUrl,
      logger: options.logger,
      slots: new Slots(concurrency),
      signal: options.stopTaking,
      hardStop: options.hardStop,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
      waitTimeSeconds: options.waitTimeSeconds,
      idleSeconds: options.idleSeconds,
      attributeNames: ['SentTimestamp'],
    },
    { eachMessage: (message) => archiveRequest(options, config, message, rejections) },
  );
  // A rejected request failed too, for the intake: both stay in the queue.
  const counts = {
    received: summary.received,
    succeeded: summary.succeeded,
    failed: summary.failed - rejections.count,
    rejected: rejections.count,
  };
  options.logger.info('stopped consuming archive requests', { queueUrl, ...counts });
  return counts;
}
