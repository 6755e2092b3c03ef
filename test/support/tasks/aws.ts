// LocalStack fixtures for the task tests: uniquely named resources (the LocalStack is shared), and small readers.
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateActivityCommand } from '@aws-sdk/client-sfn';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import { type AwsClients, createAwsClients, createLogger } from '../../../src/aws/index.ts';
import type { TaskContext } from '../../../tasks/runtime/task.ts';

export const clients: AwsClients = createAwsClients(undefined, { maxSockets: 100 });

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Log lines go nowhere unless TEST_LOGS=1, so test output stays readable. */
export const quietLogger = createLogger({
  pretty: true,
  level: 'debug',
  write: (line) => {
    if (process.env.TEST_LOGS === '1') process.stderr.write(`${line}\n`);
  },
});

export async function createBucket(prefix = 'sf-test'): Promise<string> {
  const bucket = uniqueName(prefix).toLowerCase();
  await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}

export async function putObjects(
  bucket: string,
  objects: ReadonlyArray<{ key: string; body?: string }>,
  inFlight = 32,
) {
  let next = 0;
  const worker = async () => {
    while (next < objects.length) {
      const object = objects[next++]!;
      await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: object.key, Body: object.body ?? object.key }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, objects.length) }, worker));
}

export interface TestQueue {
  readonly url: string;
  readonly arn: string;
  readonly dlqUrl?: string;
}

async function queueArn(url: string): Promise<string> {
  const attributes = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return attributes.Attributes!.QueueArn!;
}

export async function createQueue(
  prefix = 'sf-test',
  options: { fifo?: boolean; dlqMaxReceiveCount?: number; visibilityTimeout?: number } = {},
): Promise<TestQueue> {
  const name = uniqueName(prefix) + (options.fifo ? '.fifo' : '');
  const attributes: Record<string, string> = {};
  if (options.fifo) attributes.FifoQueue = 'true';
  if (options.visibilityTimeout !== undefined) attributes.VisibilityTimeout = String(options.visibilityTimeout);
  let dlqUrl: string | undefined;
  if (options.dlqMaxReceiveCount !== undefined) {
    const dlq = await clients.sqs.send(new CreateQueueCommand({ QueueName: `${uniqueName(prefix)}-dlq` }));
    dlqUrl = dlq.QueueUrl!;
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: await queueArn(dlqUrl),
      maxReceiveCount: options.dlqMaxReceiveCount,
    });
  }
  const created = await clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  return { url: created.QueueUrl!, arn: await queueArn(created.QueueUrl!), dlqUrl };
}

/** Every message currently in the queue (received and left invisible), until `quietRounds` empty receives. */
export async function drainQueue(queueUrl: string, quietRounds = 2): Promise<Message[]> {
  const all: Message[] = [];
  let quiet = 0;
  while (quiet < quietRounds) {
    const received = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 300,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) quiet++;
    else quiet = 0;
    all.push(...messages);
  }
  return all;
}

export async function createActivity(prefix = 'sf-test'): Promise<string> {
  const created = await clients.sfn.send(new CreateActivityCommand({ name: uniqueName(prefix) }));
  return created.activityArn!;
}

/** A TaskContext for running a task function directly (no Step Functions around it). */
export function directContext(overrides: Partial<TaskContext> = {}): TaskContext {
  return {
    clients,
    logger: quietLogger,
    signal: new AbortController().signal,
    heartbeat: async () => {},
    requestId: uniqueName('request'),
    env: process.env,
    ...overrides,
  };
}
