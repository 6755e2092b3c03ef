import { setMaxListeners } from 'node:events';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { ChangeMessageVisibilityCommand, type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { ConsumeOutput } from '../../src/contracts/index.ts';
import type { MessageBatchAction, MessageVerdict, ObjectAction } from '../action/action.ts';
import { runObjectAction } from '../action/run-action.ts';
import { awsErrorDetail, errorMessage, isAccessDenied, isQueueMissing } from '../runtime/aws-error.ts';
import { Slots } from '../runtime/slots.ts';
import type { TaskContext } from '../runtime/task.ts';
import { TaskError } from '../runtime/task-error.ts';
import { DEFAULT_VISIBILITY, VisibilityExtender } from '../runtime/visibility-extender.ts';
import { DeleteBatcher } from './delete-batcher.ts';
import { type ConsumeInput, ERROR_PREFIX } from './input.ts';
import { parseObjectMessage } from './message-body.ts';

export type { ConsumeOutput };

const MAX_CONSECUTIVE_RECEIVE_ERRORS = 5;
const MAX_RECEIVERS = 8;

function receiveError(queueUrl: string, error: unknown): unknown {
  if (isQueueMissing(error)) return new TaskError(`${ERROR_PREFIX}.QueueNotFound`, `queue ${queueUrl} does not exist`);
  if (isAccessDenied(error)) return new TaskError(`${ERROR_PREFIX}.AccessDenied`, `receiving from queue ${queueUrl} was refused: ${awsErrorDetail(error)}`);
  return error;
}

/**
 * Receives 10 at a time (long poll), runs the action with `concurrency` in flight, deletes in batches only what
 * succeeded, keeps messages invisible while they are worked on, and leaves every failure in the queue for
 * redelivery and, after maxReceiveCount, the DLQ. Stops after `idleSeconds` of empty queue or `maxMessages`.
 */
export async function consume(input: ConsumeInput, context: TaskContext): Promise<ConsumeOutput> {
  const { sqs, s3 } = context.clients;
  const { queueUrl } = input;
  const counts = { received: 0, succeeded: 0, failed: 0 };
  const logger = context.logger.child({ queueUrl, action: input.action.action.name });
  const extender = new VisibilityExtender(sqs, queueUrl, DEFAULT_VISIBILITY, logger);
  const deleter = new DeleteBatcher(sqs, queueUrl, logger);
  const slots = new Slots(input.concurrency);
  // Every action and receive in flight listens on the task's signal: up to `concurrency` of them is expected, not a leak.
  setMaxListeners(input.concurrency + MAX_RECEIVERS + 10, context.signal);
  const running = new Set<Promise<void>>();

  const keep = async (message: Message, why: string, fields: Record<string, unknown>) => {
    counts.failed++;
    logger.warn(why, { messageId: message.MessageId, receiveCount: message.Attributes?.ApproximateReceiveCount, ...fields });
    if (input.retryDelaySeconds === undefined) return;
    await sqs
      .send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: input.retryDelaySeconds }))
      .catch((error: unknown) => logger.warn('could not set the retry delay', { error: errorMessage(error) }));
  };
  const acknowledge = async (message: Message) => {
    if (await deleter.delete(message.ReceiptHandle!)) counts.succeeded++;
    else {
      counts.failed++;
      if (deleter.refused) stopReceiving.abort(deleter.refused);
    }
  };

  const handleObjectMessage = async (action: ObjectAction<unknown>, message: Message) => {
    const body = parseObjectMessage(message.Body, input.legacyBucket);
    if (!body.ok) return keep(message, 'invalid message body: left for the DLQ', { field: body.field, reason: body.reason });
    try {
      await runObjectAction(action, input.action.params, body.item, context);
    } catch (error) {
      const missing = error instanceof TaskError && error.error === 'Action.ObjectNotFound';
      return keep(message, missing ? 'object missing: action not run, message kept' : 'action failed: message kept', {
        bucket: body.item.bucket,
        key: body.item.key,
        error: error instanceof TaskError ? `${error.error}: ${error.cause}` : errorMessage(error),
      });
    }
    if (input.deleteSource) {
      try {
        await s3.send(new DeleteObjectCommand({ Bucket: body.item.bucket, Key: body.item.key }), { abortSignal: context.signal });
      } catch (error) {
        return keep(message, 'source delete failed: message kept', { key: body.item.key, error: errorMessage(error) });
      }
    }
    await acknowledge(message);
  };

  const handleBatch = async (action: MessageBatchAction<unknown>, messages: Message[]) => {
    let verdicts: MessageVerdict[];
    try {
      const queued = messages.map((message) => ({ id: message.MessageId ?? '', body: message.Body ?? '' }));
      verdicts = await action.runBatch(queued, input.action.params, context);
    } catch (error) {
      verdicts = messages.map(() => ({ status: 'failed', reason: errorMessage(error) }));
    }
    await Promise.all(
      messages.map((message, index) => {
        const verdict = verdicts[index] ?? { status: 'failed', reason: 'the action gave no verdict' };
        if (verdict.status === 'failed') return keep(message, 'message failed: left for redelivery', { reason: verdict.reason });
        if (verdict.status === 'filtered') logger.info('message filtered out', { messageId: message.MessageId, reason: verdict.reason });
        return acknowledge(message);
      }),
    );
  };

  const start = (work: () => Promise<void>, messages: Message[], slotCount: number) => {
    for (const message of messages) extender.add(message.ReceiptHandle!);
    const task: Promise<void> = work()
      .catch((error: unknown) => logger.error('message handling failed', { error: errorMessage(error) }))
      .finally(() => {
        for (const message of messages) extender.remove(message.ReceiptHandle!);
        slots.release(slotCount);
        running.delete(task);
      });
    running.add(task);
  };

  const { action } = input.action;
  let lastMessageAt = Date.now();
  let consecutiveErrors = 0;
  // Messages asked for by receives still in flight: with several receivers, maxMessages must count them too.
  let requested = 0;
  const stopReceiving = new AbortController();
  const receiving = AbortSignal.any([context.signal, stopReceiving.signal]);

  const receiveLoop = async () => {
    while (!receiving.aborted) {
      const remaining = (input.maxMessages ?? Number.POSITIVE_INFINITY) - counts.received - requested;
      if (remaining <= 0) break;
      await slots.acquire(receiving);
      // An object action takes a slot per message, a batch action one per received batch.
      const slotCount = action.kind === 'object' ? 1 + slots.tryAcquire(Math.min(9, remaining - 1)) : 1;
      const wanted = action.kind === 'object' ? slotCount : Math.min(10, remaining);
      const idleLeft = input.idleSeconds - (Date.now() - lastMessageAt) / 1000;
      let messages: Message[];
      requested += wanted;
      try {
        const received = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: wanted,
            WaitTimeSeconds: Math.max(0, Math.min(20, Math.ceil(idleLeft))),
            VisibilityTimeout: DEFAULT_VISIBILITY.timeoutSeconds,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
          { abortSignal: receiving },
        );
        messages = received.Messages ?? [];
        consecutiveErrors = 0;
      } catch (error) {
        slots.release(slotCount);
        if (receiving.aborted) break;
        const named = receiveError(queueUrl, error);
        if (named instanceof TaskError || ++consecutiveErrors >= MAX_CONSECUTIVE_RECEIVE_ERRORS) throw named;
        logger.warn('receive failed', { error: errorMessage(error) });
        await new Promise((resolve) => setTimeout(resolve, 500 * consecutiveErrors));
        continue;
      } finally {
        requested -= wanted;
      }
      counts.received += messages.length;
      if (messages.length === 0) {
        slots.release(slotCount);
        if ((Date.now() - lastMessageAt) / 1000 >= input.idleSeconds) break;
        continue;
      }
      lastMessageAt = Date.now();
      if (action.kind === 'messages') {
        start(() => handleBatch(action, messages), messages, slotCount);
      } else {
        slots.release(slotCount - messages.length);
        for (const message of messages) start(() => handleObjectMessage(action, message), [message], 1);
      }
    }
  };

  // One receive brings at most 10 messages: enough receivers run at once to keep every slot fed.
  const receivers = Math.min(MAX_RECEIVERS, action.kind === 'object' ? Math.ceil(input.concurrency / 10) : input.concurrency);
  let results: PromiseSettledResult<void>[];
  try {
    results = await Promise.allSettled(
      Array.from({ length: receivers }, () =>
        receiveLoop().catch((error: unknown) => {
          stopReceiving.abort(error);
          throw error;
        }),
      ),
    );
  } finally {
    await Promise.all(running);
    await deleter.close();
    extender.stop();
  }
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  if (deleter.refused) throw deleter.refused;
  logger.info('consume finished', counts);
  return { ...counts };
}
