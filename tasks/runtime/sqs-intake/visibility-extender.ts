import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '../../../src/aws/index.ts';
import { errorMessage } from '../aws-error.ts';

export interface VisibilityOptions {
  /** The visibility timeout each extension sets, counted from the moment of the extension. */
  readonly timeoutSeconds: number;
  /** How often the messages in flight are extended; well below `timeoutSeconds` so one lost call is harmless. */
  readonly intervalMs: number;
}

/** Extending every third of the timeout leaves room for one lost extension before the message would reappear. */
export function visibilityFor(timeoutSeconds: number): VisibilityOptions {
  return { timeoutSeconds, intervalMs: (timeoutSeconds * 1000) / 3 };
}

export const DEFAULT_VISIBILITY: VisibilityOptions = visibilityFor(60);

const ENTRIES_PER_CALL = 10;

/**
 * Keeps the messages a process is working on invisible to other consumers, in batches of ten per call, so a long
 * action is not delivered twice; a message removed from here falls back to the queue's own timeout.
 */
export class VisibilityExtender {
  private readonly inFlight = new Set<string>();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly options: VisibilityOptions,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.extendAll(), options.intervalMs);
  }

  add(receiptHandle: string): void {
    this.inFlight.add(receiptHandle);
  }

  remove(receiptHandle: string): void {
    this.inFlight.delete(receiptHandle);
  }

  stop(): void {
    clearInterval(this.timer);
    this.inFlight.clear();
  }

  private async extendAll(): Promise<void> {
    const handles = [...this.inFlight];
    for (let start = 0; start < handles.length; start += ENTRIES_PER_CALL) {
      const chunk = handles.slice(start, start + ENTRIES_PER_CALL);
      try {
        const result = await this.sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: chunk.map((ReceiptHandle, index) => ({
              Id: String(index),
              ReceiptHandle,
              VisibilityTimeout: this.options.timeoutSeconds,
            })),
          }),
        );
        for (const failure of result.Failed ?? []) {
          this.logger.warn('visibility extension refused', { code: failure.Code, detail: failure.Message });
        }
      } catch (error) {
        this.logger.warn('visibility extension failed', { error: errorMessage(error) });
      }
    }
  }
}
