import { setMaxListeners } from 'node:events';
import type { ConsumeOutput } from '../../src/contracts/index.ts';
import { awsErrorDetail, isAccessDenied, isQueueMissing } from '../runtime/aws-error.ts';
import { Slots } from '../runtime/slots.ts';
import { type IntakeHandler, runSqsIntake, type SqsIntakeOptions } from '../runtime/sqs-intake/index.ts';
import type { TaskContext } from '../runtime/task.ts';
import { TaskError } from '../runtime/task-error.ts';
import type { ConsumeRun } from './consume-run.ts';
import { type ConsumeInput, ERROR_PREFIX } from './input.ts';
import { handleMessageBatch } from './message-batch.ts';
import { handleObjectMessage } from './object-message.ts';

export type { ConsumeOutput };

const MAX_CONSECUTIVE_RECEIVE_ERRORS = 5;

/** A missing queue or a refused permission ends the run with a named error: no retry would fix either. */
function fatalQueueError(queueUrl: string, error: unknown, operation: 'receive' | 'delete'): TaskError | undefined {
  if (operation === 'receive' && isQueueMissing(error)) {
    return new TaskError(`${ERROR_PREFIX}.QueueNotFound`, `queue ${queueUrl} does not exist`);
  }
  if (!isAccessDenied(error)) return undefined;
  const refused =
    operation === 'receive' ? `receiving from queue ${queueUrl}` : `deleting messages from queue ${queueUrl}`;
  return new TaskError(`${ERROR_PREFIX}.AccessDenied`, `${refused} was refused: ${awsErrorDetail(error)}`);
}

/** The intake as consume runs it: `concurrency` slots, stopping when idle or at `maxMessages`, or when cancelled. */
function intakeOptions({ input, context, logger }: ConsumeRun): SqsIntakeOptions {
  return {
    sqs: context.clients.sqs,
    queueUrl: input.queueUrl,
    logger,
    slots: new Slots(input.concurrency),
    // A task's one signal is its hard stop (the grace period is over, or Step Functions stopped waiting): there is no
    // gentler stop to let a running poll finish on, so it cuts the poll too.
    signal: context.signal,
    hardStop: context.signal,
    idleSeconds: input.idleSeconds,
    maxMessages: input.maxMessages,
    attributeNames: ['ApproximateReceiveCount'],
    retryDelaySeconds: input.retryDelaySeconds,
    maxReceiveFailures: MAX_CONSECUTIVE_RECEIVE_ERRORS,
    fatalError: (error, operation) => fatalQueueError(input.queueUrl, error, operation),
  };
}

/** An object action takes a message (and a slot) at a time, a batch action a received batch. */
function messageHandler(run: ConsumeRun): IntakeHandler {
  const { action } = run.input.action;
  if (action.kind === 'messages') return { batch: (messages) => handleMessageBatch(run, action, messages) };
  return { eachMessage: (message) => handleObjectMessage(run, action, message) };
}

/**
 * Receives 10 at a time (long poll), runs the action with `concurrency` in flight, deletes in batches only what
 * succeeded, keeps messages invisible while they are worked on, and leaves every failure in the queue for
 * redelivery and, after maxReceiveCount, the DLQ. Stops after `idleSeconds` of empty queue or `maxMessages`.
 */
export async function consume(input: ConsumeInput, context: TaskContext): Promise<ConsumeOutput> {
  const run: ConsumeRun = {
    input,
    context,
    logger: context.logger.child({ queueUrl: input.queueUrl, action: input.action.action.name }),
  };
  // Every action and receive in flight listens on the task's signal: up to `concurrency` of them is expected, not a leak.
  setMaxListeners(input.concurrency + 20, context.signal);
  const { received, succeeded, failed } = await runSqsIntake(intakeOptions(run), messageHandler(run));
  run.logger.info('consume finished', { received, succeeded, failed });
  return { received, succeeded, failed };
}
