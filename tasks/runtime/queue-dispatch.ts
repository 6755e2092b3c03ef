import { DeleteMessageCommand, type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { errorMessage } from './aws-error.ts';
import { readQueueBody } from './envelope.ts';
import { runDispatched } from './run-dispatched.ts';
import { DEFAULT_VISIBILITY, VisibilityExtender } from './visibility-extender.ts';
import type { WorkerState } from './worker-state.ts';

const RECEIVE_WAIT_SECONDS = 20;
const RECEIVE_ERROR_PAUSE_MS = 1_000;

/** The task token of a body too broken to be a dispatch, when one can still be found: its sender can be told. */
function salvageTaskToken(body: string | undefined): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body ?? '');
    const token = (parsed as { taskToken?: unknown } | null)?.taskToken;
    return typeof token === 'string' && token !== '' ? token : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The SQS `.waitForTaskToken` dispatch: long-polls the task's queue for as many messages as there are free slots,
 * keeps each invisible while its task runs, and deletes it once the result was sent (success or failure alike; the
 * workflow's Retry, not SQS redelivery, decides what runs again). A body without a task token is left for the DLQ.
 */
export async function runQueueDispatch(state: WorkerState, queueUrl: string): Promise<void> {
  const { sqs } = state.clients;
  const extender = new VisibilityExtender(sqs, queueUrl, DEFAULT_VISIBILITY, state.logger);
  const running = new Set<Promise<void>>();

  const handle = async (message: Message) => {
    const receiptHandle = message.ReceiptHandle!;
    extender.add(receiptHandle);
    try {
      let status: Awaited<ReturnType<typeof runDispatched>>;
      try {
        const dispatch = readQueueBody(message.Body);
        status = await runDispatched(state, {
          taskToken: dispatch.taskToken,
          rawInput: dispatch.input,
          execution: dispatch.execution,
          state: dispatch.state,
          requestId: dispatch.execution ? `${dispatch.execution}#${dispatch.state ?? ''}` : `sqs:${message.MessageId}`,
          dispatch: 'queue',
          redelivered: Number(message.Attributes?.ApproximateReceiveCount ?? '1') > 1,
        });
      } catch (error) {
        const taskToken = salvageTaskToken(message.Body);
        if (taskToken === undefined) {
          state.logger.error('dispatch message without a task token: left for the DLQ', {
            task: state.definition.name,
            messageId: message.MessageId,
            reason: errorMessage(error),
          });
          return;
        }
        status = await runDispatched(state, {
          taskToken,
          rawInput: undefined,
          envelopeProblem: (error as Error).message,
          execution: undefined,
          state: undefined,
          requestId: `sqs:${message.MessageId}`,
          dispatch: 'queue',
        });
      }
      // 'failed' means Step Functions may not know the result yet: let SQS redeliver rather than lose the task.
      if (status !== 'failed') await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle }));
    } catch (error) {
      state.logger.error('dispatch message handling failed', { messageId: message.MessageId, error: errorMessage(error) });
    } finally {
      extender.remove(receiptHandle);
    }
  };

  while (!state.stopTaking.aborted) {
    try {
      await state.slots.acquire(state.stopTaking);
    } catch {
      break;
    }
    const wanted = 1 + state.slots.tryAcquire(9);
    let messages: Message[] = [];
    try {
      const received = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: wanted,
          WaitTimeSeconds: RECEIVE_WAIT_SECONDS,
          VisibilityTimeout: DEFAULT_VISIBILITY.timeoutSeconds,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
        { abortSignal: state.stopTaking },
      );
      messages = received.Messages ?? [];
    } catch (error) {
      if (!state.stopTaking.aborted) {
        state.logger.warn('dispatch queue receive failed', { queueUrl, error: errorMessage(error) });
        await new Promise((resolve) => setTimeout(resolve, RECEIVE_ERROR_PAUSE_MS));
      }
    }
    state.slots.release(wanted - messages.length);
    for (const message of messages) {
      const work: Promise<void> = handle(message).finally(() => {
        state.slots.release();
        running.delete(work);
      });
      running.add(work);
    }
  }
  await Promise.all(running);
  extender.stop();
}
