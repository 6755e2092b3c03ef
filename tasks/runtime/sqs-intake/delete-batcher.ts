import { DeleteMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '../../../src/aws/index.ts';
import { errorMessage } from '../aws-error.ts';

interface PendingDelete {
  readonly receiptHandle: string;
  readonly done: (deleted: boolean) => void;
}

const ENTRIES_PER_CALL = 10;
const ATTEMPTS = 3;

/**
 * Deletes messages ten per DeleteMessageBatch: a delete waits at most `lingerMs` for nine others. Each caller learns
 * whether its own message was deleted (a batch reports per entry).
 */
export class DeleteBatcher {
  private buffer: PendingDelete[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly flushing = new Set<Promise<void>>();
  /**
   * Set once a delete failed in a way no retry fixes (`refusal` named it, e.g. a missing permission): the intake then
   * stops rather than run work whose messages would all come back (and end in the DLQ although they succeeded).
   */
  refused: Error | undefined;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly logger: Logger,
    /** Names a failure no retry can fix; undefined means retry (up to three attempts in all). */
    private readonly refusal: (error: unknown) => Error | undefined = () => undefined,
    private readonly lingerMs = 20,
  ) {}

  delete(receiptHandle: string): Promise<boolean> {
    return new Promise((done) => {
      this.buffer.push({ receiptHandle, done });
      if (this.buffer.length >= ENTRIES_PER_CALL) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.lingerMs);
    });
  }

  /** Sends what is buffered and waits for every delete in flight. */
  async close(): Promise<void> {
    this.flush();
    await Promise.all(this.flushing);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, ENTRIES_PER_CALL);
      const sending: Promise<void> = this.send(batch).finally(() => this.flushing.delete(sending));
      this.flushing.add(sending);
    }
  }

  private async send(batch: PendingDelete[], attempt = 1): Promise<void> {
    try {
      const result = await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((entry, index) => ({ Id: String(index), ReceiptHandle: entry.receiptHandle })),
        }),
      );
      const failed = new Set((result.Failed ?? []).map((failure) => Number(failure.Id)));
      for (const failure of result.Failed ?? []) {
        this.logger.warn('message delete refused: it will be delivered again', {
          code: failure.Code,
          detail: failure.Message,
        });
      }
      for (const [index, entry] of batch.entries()) entry.done(!failed.has(index));
    } catch (error) {
      const refused = this.refusal(error);
      if (refused) {
        this.refused ??= refused;
        for (const entry of batch) entry.done(false);
        return;
      }
      if (attempt < ATTEMPTS) return this.send(batch, attempt + 1);
      this.logger.error('message delete failed: they will be delivered again', {
        error: errorMessage(error),
        count: batch.length,
      });
      for (const entry of batch) entry.done(false);
    }
  }
}
