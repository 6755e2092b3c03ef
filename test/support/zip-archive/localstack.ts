import { randomBytes } from 'node:crypto';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { CreateQueueCommand, type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type AwsClients, createAwsClients, createLogger, type Logger } from '../../../src/aws/index.ts';

/** Resources are shared with other suites on one LocalStack: every name gets a random suffix. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

const created: AwsClients[] = [];

export function testClients(): AwsClients {
  const clients = createAwsClients();
  created.push(clients);
  return clients;
}

/**
 * Destroys every client's sockets, in use or not. A test that aborts an upload leaves a request whose body
 * LocalStack never reads; its socket would keep the test process alive after the last test.
 */
export function destroyTestClients(): void {
  for (const clients of created.splice(0))
    for (const client of [clients.s3, clients.sqs, clients.sfn]) client.destroy();
}

/** Log lines are kept for assertions instead of cluttering the test output. */
export function memoryLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ pretty: false, level: 'debug', write: (line) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

export async function createBucket(s3: S3Client, prefix: string): Promise<string> {
  const bucket = uniqueName(prefix);
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}

export async function createQueue(sqs: SQSClient, prefix: string): Promise<string> {
  const response = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName(prefix) }));
  return response.QueueUrl!;
}

export async function putObject(s3: S3Client, bucket: string, key: string, body: Buffer | string): Promise<Date> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return head.LastModified!;
}

export async function getObject(s3: S3Client, bucket: string, key: string): Promise<Buffer> {
  const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await response.Body!.transformToByteArray());
}

export async function listKeys(s3: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const response = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (response.Contents ?? []).map((object) => object.Key!);
}

export async function pendingMultipartUploads(s3: S3Client, bucket: string): Promise<string[]> {
  const response = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  return (response.Uploads ?? []).map((upload) => upload.Key!);
}

export async function objectExists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}

/** Everything currently receivable, waiting at most `waitSeconds` for the first message. */
export async function receiveAll(sqs: SQSClient, queueUrl: string, waitSeconds = 1): Promise<Message[]> {
  const messages: Message[] = [];
  for (;;) {
    const response = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: messages.length ? 0 : waitSeconds,
      }),
    );
    if (!response.Messages?.length) return messages;
    messages.push(...response.Messages);
  }
}
