import { createHash } from 'node:crypto';
import type { _Object } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { ListAndPublishOutput } from '../../src/contracts/index.ts';
import { awsErrorDetail, isAccessDenied, isQueueMissing } from '../runtime/aws-error.ts';
import type { TaskContext, TaskDefinition } from '../runtime/task.ts';
import { TaskError } from '../runtime/task-error.ts';
import { BatchPublisher, type OutgoingMessage } from './batch-publisher.ts';
import { ERROR_PREFIX, type ListAndPublishInput, parseListAndPublishInput } from './input.ts';
import { listPages } from './list-pages.ts';
import { objectMessageBody } from './message-body.ts';

export type { ListAndPublishOutput };

/** Batches in flight on a standard queue; a FIFO queue gets one, or its group's order would be lost. */
const STANDARD_QUEUE_IN_FLIGHT = 16;

/** Whether the queue is FIFO; also proves up front that it exists and that we may use it. */
async function isFifoQueue(context: TaskContext, queueUrl: string): Promise<boolean> {
  try {
    const attributes = await context.clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['FifoQueue'] }),
      { abortSignal: context.signal },
    );
    return attributes.Attributes?.FifoQueue === 'true';
  } catch (error) {
    if (isQueueMissing(error)) throw new TaskError(`${ERROR_PREFIX}.QueueNotFound`, `queue ${queueUrl} does not exist`);
    if (isAccessDenied(error)) {
      throw new TaskError(
        `${ERROR_PREFIX}.AccessDenied`,
        `reading the attributes of queue ${queueUrl} was refused: ${awsErrorDetail(error)}`,
      );
    }
    throw error;
  }
}

/** sha256(bucket + "/" + key): the same object always gets the same FIFO deduplication id. */
export function deduplicationId(bucket: string, key: string): string {
  return createHash('sha256').update(`${bucket}/${key}`).digest('hex');
}

export async function listAndPublish(input: ListAndPublishInput, context: TaskContext): Promise<ListAndPublishOutput> {
  const fifo = await isFifoQueue(context, input.queueUrl);
  const groupId = input.messageGroupId ?? input.bucket;
  const publisher = new BatchPublisher(
    context.clients.sqs,
    input.queueUrl,
    { inFlight: fifo ? 1 : STANDARD_QUEUE_IN_FLIGHT },
    context.signal,
    context.logger,
  );
  const toMessage = (object: _Object): OutgoingMessage => ({
    body: objectMessageBody(input.bucket, object, input.include),
    label: object.Key ?? '',
    ...(fifo ? { groupId, deduplicationId: deduplicationId(input.bucket, object.Key ?? '') } : {}),
  });
  let firstKey: string | null = null;
  let lastKey: string | null = null;
  for await (const objects of listPages(context.clients.s3, input, context.signal)) {
    firstKey ??= objects[0]!.Key ?? null;
    lastKey = objects[objects.length - 1]!.Key ?? null;
    await publisher.add(objects.map(toMessage));
  }
  const published = await publisher.finish();
  context.logger.info('published bucket listing', { bucket: input.bucket, queueUrl: input.queueUrl, published, fifo });
  return { published, queueUrl: input.queueUrl, firstKey, lastKey };
}

export const listAndPublishTask: TaskDefinition<ListAndPublishInput, ListAndPublishOutput> = {
  name: 'list-and-publish',
  errorPrefix: ERROR_PREFIX,
  parseInput: parseListAndPublishInput,
  run: listAndPublish,
};
