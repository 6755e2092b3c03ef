import { ChangeMessageVisibilityBatchCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '../../../src/aws/index.ts';
import { errorMessage } from '../aws-error.ts';

/**
 * Makes messages that a receive brought after the intake began to stop visible again at once (one receive brings at
 * most 10, one batch call), so another consumer gets them now rather than after their visibility timeout. Logs one
 * line per message; a message that could not be handed back is not lost, only late (its visibility timeout).
 */
export async function handBack(
  sqs: SQSClient,
  queueUrl: string,
  messages: readonly Message[],
  logger: Logger,
  signal: AbortSignal,
): Promise<void> {
  if (messages.length === 0) return;
  const entries = messages.map((message, index) => ({
    Id: String(index),
    ReceiptHandle: message.ReceiptHandle,
    VisibilityTimeout: 0,
  }));
  let refused: ReadonlyMap<string, string>;
  try {
    const result = await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries }), {
      abortSignal: signal,
    });
    refused = new Map((result.Failed ?? []).map((entry) => [entry.Id ?? '', entry.Message ?? entry.Code ?? 'refused']));
  } catch (error) {
    refused = new Map(entries.map((entry) => [entry.Id, errorMessage(error)]));
  }
  messages.forEach((message, index) => {
    const problem = refused.get(String(index));
    if (problem === undefined) {
      logger.info('message received while stopping: handed back to the queue, not run', {
        messageId: message.MessageId,
      });
    } else {
      logger.warn('message received while stopping could not be handed back: it is visible again after its timeout', {
        messageId: message.MessageId,
        error: problem,
      });
    }
  });
}
