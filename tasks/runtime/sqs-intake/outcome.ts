import type { Message } from '@aws-sdk/client-sqs';

/**
 * What became of one message, as its handler says (in the spirit of Powertools' batch processing): `succeeded` is
 * deleted, `failed` stays in the queue for SQS to deliver again (and, after the queue's maxReceiveCount, to move to its
 * DLQ). A handler that throws has failed.
 */
export type MessageOutcome = 'succeeded' | 'failed';

/** Either one message at a time (a slot each) or a whole received batch at once (one slot per batch). */
export type IntakeHandler =
  | { readonly eachMessage: (message: Message) => Promise<MessageOutcome> }
  | { readonly batch: (messages: readonly Message[]) => Promise<readonly MessageOutcome[]> };

export interface IntakeSummary {
  readonly received: number;
  /** Succeeded and deleted. */
  readonly succeeded: number;
  /** Left in the queue: failed, or succeeded but SQS did not take the delete. */
  readonly failed: number;
}
