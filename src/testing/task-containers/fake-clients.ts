// Stand-ins for the SDK's S3Client and SQSClient that the real task code (tasks/*) can be handed: `send(command)`
// answers each command the tasks use from the run's MemoryS3 / MemorySqs, with the SDK's result shapes and error
// names. A command the stand-in does not know is a clear error naming it.
import { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type MemoryS3, S3Error } from '../s3/index.ts';
import type { MemorySqs } from './memory-sqs.ts';

type Input = Record<string, unknown>;
type Handler = (input: Input) => unknown;

function awsError(name: string, message: string, status: number): Error {
  return Object.assign(new Error(message), { name, Code: name, $metadata: { httpStatusCode: status } });
}

/**
 * A real client object (the SDK's paginators check `instanceof`) whose `send` never reaches the network: each
 * command is answered by its handler.
 */
function fakeClient<C extends object>(client: C, service: string, handlers: Readonly<Record<string, Handler>>): C {
  return Object.assign(client, {
    async send(command: object): Promise<unknown> {
      const name = command.constructor.name.replace(/Command$/, '');
      const handler = handlers[name];
      if (!handler)
        throw new Error(`the in-memory ${service} does not answer ${name} (stepforge/testing/task-containers)`);
      return handler((command as { input: Input }).input);
    },
  });
}

// Never used to send: the region only satisfies the constructor; credentials are never resolved.
const OFFLINE = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } } as const;

function s3Call<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof S3Error) throw awsError(error.code, error.message, 404);
    throw error;
  }
}

function bodyOf(bytes: Uint8Array) {
  return Object.assign(Readable.from([Buffer.from(bytes)]), {
    transformToByteArray: async () => bytes,
    transformToString: async () => new TextDecoder().decode(bytes),
  });
}

async function bytesOf(body: unknown): Promise<Uint8Array> {
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const s = (input: Input, field: string): string => String(input[field] ?? '');

export function memoryS3Client(store: MemoryS3): S3Client {
  const uploads = new Map<string, { bucket: string; key: string; parts: Map<number, Uint8Array> }>();
  let nextUpload = 0;
  const head = (input: Input) =>
    s3Call(() => {
      const object = store.get(s(input, 'Bucket'), s(input, 'Key'));
      return {
        ContentLength: object.body.byteLength,
        ETag: object.etag,
        LastModified: object.lastModified,
        ContentType: object.contentType,
      };
    });
  return fakeClient(new S3Client(OFFLINE), 'S3', {
    ListObjectsV2: (input) =>
      s3Call(() => {
        const after = typeof input.ContinuationToken === 'string' ? input.ContinuationToken : s(input, 'StartAfter');
        const max = typeof input.MaxKeys === 'number' ? input.MaxKeys : 1000;
        const all = store.list(s(input, 'Bucket'), s(input, 'Prefix'), after);
        const page = all.slice(0, max);
        return {
          Contents: page.map(({ key, object }) => ({
            Key: key,
            Size: object.body.byteLength,
            ETag: object.etag,
            LastModified: object.lastModified,
          })),
          KeyCount: page.length,
          IsTruncated: all.length > page.length,
          ...(all.length > page.length && { NextContinuationToken: page.at(-1)?.key }),
        };
      }),
    HeadObject: (input) => {
      try {
        return head(input);
      } catch (error) {
        // A HEAD answer has no body: the SDK reports a missing key as NotFound.
        throw (error as Error).name === 'NoSuchKey' ? awsError('NotFound', 'NotFound', 404) : error;
      }
    },
    GetObject: (input) => ({
      ...head(input),
      Body: bodyOf(s3Call(() => store.get(s(input, 'Bucket'), s(input, 'Key')).body)),
    }),
    PutObject: async (input) => {
      const bytes = await bytesOf(input.Body ?? '');
      return {
        ETag: s3Call(() =>
          store.put(s(input, 'Bucket'), s(input, 'Key'), bytes, input.ContentType as string | undefined),
        ).etag,
      };
    },
    CopyObject: (input) =>
      s3Call(() => {
        const source = decodeURIComponent(s(input, 'CopySource').replace(/^\//, ''));
        const slash = source.indexOf('/');
        const object = store.get(source.slice(0, slash), source.slice(slash + 1));
        const stored = store.put(s(input, 'Bucket'), s(input, 'Key'), object.body, object.contentType);
        return { CopyObjectResult: { ETag: stored.etag, LastModified: stored.lastModified } };
      }),
    DeleteObject: (input) => {
      s3Call(() => store.delete(s(input, 'Bucket'), s(input, 'Key')));
      return {};
    },
    CreateMultipartUpload: (input) => {
      s3Call(() => store.list(s(input, 'Bucket'), '\uffff'));
      const id = `upload-${++nextUpload}`;
      uploads.set(id, { bucket: s(input, 'Bucket'), key: s(input, 'Key'), parts: new Map() });
      return { Bucket: input.Bucket, Key: input.Key, UploadId: id };
    },
    UploadPart: async (input) => {
      const upload = uploads.get(s(input, 'UploadId'));
      if (!upload) throw awsError('NoSuchUpload', 'The specified upload does not exist', 404);
      upload.parts.set(Number(input.PartNumber), await bytesOf(input.Body));
      return { ETag: `"part-${String(input.PartNumber)}"` };
    },
    CompleteMultipartUpload: (input) => {
      const upload = uploads.get(s(input, 'UploadId'));
      if (!upload) throw awsError('NoSuchUpload', 'The specified upload does not exist', 404);
      const parts = [...upload.parts.entries()].sort(([left], [right]) => left - right).map(([, bytes]) => bytes);
      const stored = store.put(upload.bucket, upload.key, Buffer.concat(parts));
      uploads.delete(s(input, 'UploadId'));
      return { Bucket: upload.bucket, Key: upload.key, ETag: stored.etag };
    },
    AbortMultipartUpload: (input) => {
      uploads.delete(s(input, 'UploadId'));
      return {};
    },
    ListMultipartUploads: (input) => ({
      Uploads: [...uploads.entries()]
        .filter(([, upload]) => upload.bucket === input.Bucket && upload.key.startsWith(s(input, 'Prefix')))
        .map(([id, upload]) => ({ Key: upload.key, UploadId: id })),
    }),
  });
}

export function memorySqsClient(queues: MemorySqs): SQSClient {
  const entries = (input: Input): Input[] => (Array.isArray(input.Entries) ? (input.Entries as Input[]) : []);
  return fakeClient(new SQSClient(OFFLINE), 'SQS', {
    GetQueueUrl: (input) => ({ QueueUrl: s(input, 'QueueName') }),
    GetQueueAttributes: (input) => {
      const url = s(input, 'QueueUrl');
      if (!queues.hasQueue(url)) throw awsError('QueueDoesNotExist', `The specified queue does not exist: ${url}`, 400);
      return {
        Attributes: {
          FifoQueue: String(url.endsWith('.fifo')),
          QueueArn: `arn:aws:sqs:us-east-1:000000000000:${url.split('/').at(-1)}`,
        },
      };
    },
    SendMessage: (input) => ({
      MessageId: queues.send(s(input, 'QueueUrl'), s(input, 'MessageBody'), input.MessageGroupId as string | undefined),
    }),
    SendMessageBatch: (input) => ({
      Successful: entries(input).map((entry) => ({
        Id: entry.Id,
        MessageId: queues.send(
          s(input, 'QueueUrl'),
          s(entry, 'MessageBody'),
          entry.MessageGroupId as string | undefined,
        ),
      })),
      Failed: [],
    }),
    ReceiveMessage: async (input) => {
      const url = s(input, 'QueueUrl');
      const max = typeof input.MaxNumberOfMessages === 'number' ? input.MaxNumberOfMessages : 1;
      const visibility = typeof input.VisibilityTimeout === 'number' ? input.VisibilityTimeout : 30;
      let received = queues.receive(url, max, visibility);
      // A short stand-in for the long poll: an empty queue answers after a moment, not at once (no busy loop).
      if (received.length === 0 && Number(input.WaitTimeSeconds ?? 0) > 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        received = queues.receive(url, max, visibility);
      }
      return {
        Messages: received.map((message) => ({
          MessageId: message.messageId,
          ReceiptHandle: message.receiptHandle,
          Body: message.body,
          Attributes: { ApproximateReceiveCount: String(message.receiveCount) },
        })),
      };
    },
    DeleteMessage: (input) => {
      queues.delete(s(input, 'QueueUrl'), s(input, 'ReceiptHandle'));
      return {};
    },
    DeleteMessageBatch: (input) => {
      for (const entry of entries(input)) queues.delete(s(input, 'QueueUrl'), s(entry, 'ReceiptHandle'));
      return { Successful: entries(input).map((entry) => ({ Id: entry.Id })), Failed: [] };
    },
    ChangeMessageVisibility: (input) => {
      queues.changeVisibility(s(input, 'QueueUrl'), s(input, 'ReceiptHandle'), Number(input.VisibilityTimeout));
      return {};
    },
    ChangeMessageVisibilityBatch: (input) => {
      for (const entry of entries(input))
        queues.changeVisibility(s(input, 'QueueUrl'), s(entry, 'ReceiptHandle'), Number(entry.VisibilityTimeout));
      return { Successful: entries(input).map((entry) => ({ Id: entry.Id })), Failed: [] };
    },
  });
}
