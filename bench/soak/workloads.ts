// One workload per example workflow: what it needs in place before an execution (objects, messages, a receiver),
// and the input the soak POSTs for execution number `index`. Modelled on test/e2e/*.test.ts, smaller.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../src/aws/index.ts';
import type { Deployment } from '../../src/deploy/index.ts';

export interface Workload {
  readonly workflow: string;
  /** Run once before the first execution. */
  setUp(): Promise<void>;
  /** Run before execution `index` is POSTed (not part of the POST's latency). */
  beforeEach(index: number): Promise<void>;
  input(index: number): unknown;
}

/** The results service artifact-pipeline posts to: answers every multipart POST with 201. */
export interface Receiver {
  readonly url: string;
  posts: number;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const receiver = { posts: 0 } as { posts: number };
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      receiver.posts++;
      response.writeHead(201, { 'content-type': 'application/json' }).end('{"imported":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/import`;
  return Object.assign(receiver, {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

const put = (clients: AwsClients, bucket: string, key: string, body: string) =>
  clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

export function exampleWorkloads(deployment: Deployment, clients: AwsClients, receiver: Receiver): Workload[] {
  const { buckets, queues } = deployment;
  const none = async () => {};
  return [
    {
      workflow: 'artifact-pipeline',
      setUp: none,
      // Its own prefix per execution: consume posts each artifact, then deletes it.
      beforeEach: async (index) => {
        for (const name of ['junit.xml', 'coverage.json'])
          await put(clients, buckets.artifacts!, `soak/${index}/${name}`, `${name} of ${index}`);
      },
      input: (index) => ({ prefix: `soak/${index}/`, receiverUrl: receiver.url }),
    },
    {
      workflow: 'bucket-to-queue',
      setUp: async () => {
        for (let object = 0; object < 20; object++) {
          await put(
            clients,
            buckets['hashed-objects']!,
            `${createHash('sha256').update(`soak ${object}`).digest('hex')}.bin`,
            `object ${object}`,
          );
        }
      },
      beforeEach: none,
      input: () => ({ prefix: '' }),
    },
    {
      workflow: 'daily-events',
      setUp: none,
      beforeEach: async (index) => {
        const events = [0, 1, 2].map((event) => ({
          timestamp: `2026-03-0${1 + (event % 2)}T10:0${event}:00Z`,
          channel: 'soak',
          endpoint: `/run/${index}`,
          event: `event-${index}-${event}`,
        }));
        await clients.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queues['event-queue']!.url,
            Entries: events.map((event, id) => ({ Id: String(id), MessageBody: JSON.stringify(event) })),
          }),
        );
      },
      input: () => ({ keyPrefix: 'events/soak/' }),
    },
    {
      workflow: 'media-archive',
      setUp: async () => {
        for (const key of ['photos/cat.jpg', 'photos/dog.jpg', 'docs/readme.txt'])
          await put(clients, buckets['media-source']!, key, `${key} bytes`);
      },
      beforeEach: none,
      input: (index) => ({
        files: [
          { source: 'photos/cat.jpg', destination: 'animals' },
          { source: 'photos/dog.jpg' },
          { source: 'docs/readme.txt' },
        ],
        metadata: { requestId: `soak-${index}` },
      }),
    },
    {
      workflow: 'showcase',
      setUp: none,
      beforeEach: none,
      input: (index) => ({
        orderId: `soak-${index}`,
        priority: index % 2 ? 'express' : 'standard',
        items: [
          { sku: 'a', quantity: 1 },
          { sku: 'b', quantity: 2 },
        ],
      }),
    },
  ];
}
