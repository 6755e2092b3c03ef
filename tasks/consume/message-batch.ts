import type { Message } from '@aws-sdk/client-sqs';
import type { MessageBatchAction, MessageVerdict } from '../action/action.ts';
import { errorMessage } from '../runtime/aws-error.ts';
import type { MessageOutcome } from '../runtime/sqs-intake/index.ts';
import { type ConsumeRun, kept } from './consume-run.ts';

/** Asks a batch action for a verdict on each message; an action that throws has failed every one of them. */
async function verdictsOf(
  run: ConsumeRun,
  action: MessageBatchAction<unknown>,
  messages: readonly Message[],
): Promise<MessageVerdict[]> {
  try {
    const queued = messages.map((message) => ({ id: message.MessageId ?? '', body: message.Body ?? '' }));
    return await action.runBatch(queued, run.input.action.params, run.context);
  } catch (error) {
    return messages.map(() => ({ status: 'failed', reason: errorMessage(error) }));
  }
}

/** One received batch through a batch action: filtered messages count as done (deleted), failed ones are kept. */
export async function handleMessageBatch(
  run: ConsumeRun,
  action: MessageBatchAction<unknown>,
  messages: readonly Message[],
): Promise<MessageOutcome[]> {
  const verdicts = await verdictsOf(run, action, messages);
  return messages.map((message, index) => {
    const verdict = verdicts[index] ?? { status: 'failed', reason: 'the action gave no verdict' };
    if (verdict.status === 'failed')
      return kept(run, message, 'message failed: left for redelivery', { reason: verdict.reason });
    if (verdict.status === 'filtered')
      run.logger.info('message filtered out', { messageId: message.MessageId, reason: verdict.reason });
    return 'succeeded';
  });
}
