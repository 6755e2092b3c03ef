import { setMaxListeners } from 'node:events';
import {
  SendMessageBatchCommand,
  type SendMessageBatchCommandOutput,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Logger } from '../../src/aws/index.ts';
import { awsErrorDetail, isAccessDenied, isQueueMissing } from '../runtime/aws-error.ts';
import { TaskError } from '../runtime/task-error.ts';
import { ERROR_PREFIX } from './input.ts';

/** One message to publish; `label` (the object key) names it in errors. */
export interface OutgoingMessage {
  readonly body: string;
  readonly label: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
}

export interface PublisherOptions {
  /** SendMessageBatch calls in flight at once; 1 keeps FIFO order. */
  readonly inFlight: number;
  /** Rounds of retrying the entries a batch reported as failed. */
  readonly retries?: number;
  readonly baseDelayMs?: number;
}

const BATCH_SIZE = 10;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Publishes messages 10 per SendMessageBatch with several batches in flight. Entry ids are the index in the batch
 * (keys may hold characters ids refuse, and ids must be distinct); only the entries SQS reports as failed are sent
 * again, with exponential backoff, and an entry SQS blames on the sender is not retried at all.
 */
export class BatchPublisher {
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown;
  private accepted = 0;
  private buffer: OutgoingMessage[] = [];

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly options: PublisherOptions,
    private readonly signal: AbortSignal,
    private readonly logger: Logger,
  ) {
    // Every batch in flight listens on the task's signal: more than Node's default of 10 is expected, not a leak.
    setMaxListeners(options.inFlight + 10, signal);
  }

  /** Messages SQS accepted so far. */
  get published(): number {
    return this.accepted;
  }

  /** Queues messages; waits while `inFlight` batches are being sent (backpressure), throws the first failure. */
  async add(messages: readonly OutgoingMessage[]): Promise<void> {
    this.buffer.push(...messages);
    while (this.buffer.length >= BATCH_SIZE) await this.launch(this.buffer.splice(0, BATCH_SIZE));
  }

  /** Sends what is buffered, waits for every batch, and returns the number of messages accepted. */
  async finish(): Promise<number> {
    if (this.buffer.length > 0) await this.launch(this.buffer.splice(0));
    await Promise.all(this.pending);
    if (this.failure !== undefined) throw this.failure;
    return this.accepted;
  }

  private async launch(batch: OutgoingMessage[]): Promise<void> {
    while (this.pending.size >= this.options.inFlight) await Promise.race(this.pending);
    if (this.failure !== undefined) throw this.failure;
    const sending: Promise<void> = this.sendWithRetries(batch)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.pending.delete(sending));
    this.pending.add(sending);
  }

  private async sendWithRetries(batch: OutgoingMessage[]): Promise<void> {
    const retries = this.options.retries ?? 5;
    let remaining = batch;
    for (let round = 0; ; round++) {
      const failed = await this.sendOnce(remaining);
      this.accepted += remaining.length - failed.length;
      if (failed.length === 0) return;
      const senderFault = failed.find((entry) => entry.senderFault);
      if (senderFault || round >= retries) {
        const worst = senderFault ?? failed[0]!;
        throw new TaskError(
          `${ERROR_PREFIX}.PublishFailed`,
          `SQS refused the message for key "${worst.message.label}": ${worst.code} ${worst.detail}` +
            (senderFault ? '' : ` (after ${round + 1} attempts)`),
        );
      }
      this.logger.warn('retrying failed batch entries', { failed: failed.length, code: failed[0]!.code, round });
      remaining = failed.map((entry) => entry.message);
      const delay = (this.options.baseDelayMs ?? 100) * 2 ** round;
      await sleep(delay / 2 + Math.random() * (delay / 2), this.signal);
    }
  }

  private async sendOnce(batch: OutgoingMessage[]) {
    const entries: SendMessageBatchRequestEntry[] = batch.map((message, index) => ({
      Id: String(index),
      MessageBody: message.body,
      ...(message.groupId ? { MessageGroupId: message.groupId } : {}),
      ...(message.deduplicationId ? { MessageDeduplicationId: message.deduplicationId } : {}),
    }));
    let result: SendMessageBatchCommandOutput;
    try {
      result = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }), {
        abortSignal: this.signal,
      });
    } catch (error) {
      if (isQueueMissing(error)) {
        throw new TaskError(`${ERROR_PREFIX}.QueueNotFound`, `queue ${this.queueUrl} does not exist`);
      }
      if (isAccessDenied(error)) {
        throw new TaskError(
          `${ERROR_PREFIX}.AccessDenied`,
          `sending to queue ${this.queueUrl} was refused: ${awsErrorDetail(error)}`,
        );
      }
      throw error;
    }
    return (result.Failed ?? []).map((failure) => ({
      message: batch[Number(failure.Id)]!,
      code: failure.Code ?? 'unknown',
      detail: failure.Message ?? '',
      senderFault: failure.SenderFault === true,
    }));
  }
}
