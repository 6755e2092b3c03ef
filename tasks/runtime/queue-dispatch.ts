import type { Message } from '@aws-sdk/client-sqs';
import { errorMessage } from './aws-error.ts';
import { readQueueBody } from './envelope.ts';
import { type DispatchedTask, runDispatched } from './run-dispatched.ts';
import { type MessageOutcome, runSqsIntake } from './sqs-intake/index.ts';
import type { WorkerState } from './worker-state.ts';

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
 * The task a dispatch message carries; one whose envelope is broken but still names a task token fails with
 * `<Prefix>.InvalidInput`; undefined when there is no token to answer (the message is left for the DLQ).
 */
function dispatchedTask(state: WorkerState, message: Message): DispatchedTask | undefined {
  try {
    const dispatch = readQueueBody(message.Body);
    return {
      taskToken: dispatch.taskToken,
      rawInput: dispatch.input,
      execution: dispatch.execution,
      state: dispatch.state,
      requestId: dispatch.execution ? `${dispatch.execution}#${dispatch.state ?? ''}` : `sqs:${message.MessageId}`,
      dispatch: 'queue',
      redelivered: Number(message.Attributes?.ApproximateReceiveCount ?? '1') > 1,
    };
  } catch (error) {
    const taskToken = salvageTaskToken(message.Body);
    if (taskToken === undefined) {
      state.logger.error('dispatch message without a task token: left for the DLQ', {
        task: state.definition.name,
        messageId: message.MessageId,
        reason: errorMessage(error),
      });
      return undefined;
    }
    const envelopeProblem = (error as Error).message;
    return {
      taskToken,
      rawInput: undefined,
      envelopeProblem,
      execution: undefined,
      state: undefined,
      requestId: `sqs:${message.MessageId}`,
      dispatch: 'queue',
    };
  }
}

async function runQueueMessage(state: WorkerState, message: Message): Promise<MessageOutcome> {
  const task = dispatchedTask(state, message);
  if (task === undefined) return 'failed';
  const status = await runDispatched(state, task);
  // 'failed' means Step Functions may not know the result yet: let SQS redeliver rather than lose the task.
  return status === 'failed' ? 'failed' : 'succeeded';
}

/**
 * The SQS `.waitForTaskToken` dispatch: the SQS intake with the worker's slots, until SIGTERM stops it. A message is
 * deleted once the result was sent (success or failure alike; the workflow's Retry, not SQS redelivery, decides what
 * runs again). A body without a task token is left for the DLQ.
 */
export async function runQueueDispatch(state: WorkerState, queueUrl: string): Promise<void> {
  await runSqsIntake(
    {
      sqs: state.clients.sqs,
      queueUrl,
      logger: state.logger,
      slots: state.slots,
      // SIGTERM lets the running long poll return (what it brings goes back to the queue); the grace period's end cuts it.
      signal: state.stopTaking,
      hardStop: state.hardStop,
      // A redelivered message may carry a token that died with its worker: run-dispatched checks it first.
      attributeNames: ['ApproximateReceiveCount'],
    },
    { eachMessage: (message) => runQueueMessage(state, message) },
  );
}
