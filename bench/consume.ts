// Benchmark: consume of 5,000 messages with a trivial action against receive-one/process/delete-one, both in this
// run against the same LocalStack. Both check the object exists (HeadObject) before the action, as consume does.
// As in bench/publish.ts, LocalStack's single Python process bounds throughput at zero latency; the second
// measurement adds a simulated network round trip to every request of both.
// Run: node --import tsx bench/consume.ts [messages] [simulated latency ms, default 20; 0 skips that measurement]
import { CreateBucketCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { type AwsClients, createAwsClients, createLogger } from '../src/aws/index.ts';
import type { ObjectAction, ObjectRef } from '../tasks/action/action.ts';
import { consume } from '../tasks/consume/consume.ts';
import { measureCpu, ratioVerdict, useLocalStackDefaults, withLatency } from './support.ts';

useLocalStackDefaults();
const messageCount = Number(process.argv[2] ?? 5_000);
const latencyMs = Number(process.argv[3] ?? 20);
const quiet = createLogger({ pretty: true, level: 'error' });
const suffix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
const bucket = `bench-consume-${suffix}`;
const key = 'artifact.bin';

let processed = 0;
/** The trivial action: counts the object it was given. */
const trivialAction: ObjectAction<undefined> = {
  kind: 'object',
  name: 'count',
  parseParams: () => undefined,
  run: async (item: ObjectRef) => {
    if (item.key === key) processed++;
    return {};
  },
};

async function fillQueue(clients: AwsClients, name: string): Promise<string> {
  const queueUrl = (await clients.sqs.send(new CreateQueueCommand({ QueueName: `${name}-${suffix}` }))).QueueUrl!;
  const body = JSON.stringify({ bucket, key });
  let sent = 0;
  const send = async () => {
    while (sent < messageCount) {
      const count = Math.min(10, messageCount - sent);
      sent += count;
      const entries = Array.from({ length: count }, (_, index) => ({ Id: String(index), MessageBody: body }));
      await clients.sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    }
  };
  await Promise.all(Array.from({ length: 16 }, send));
  return queueUrl;
}

/** The artifact consumer's loop: one message received, checked, acted on and deleted at a time. */
async function receiveOneAtATime(clients: AwsClients, queueUrl: string): Promise<number> {
  let done = 0;
  for (;;) {
    const received = await clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }),
    );
    const message = received.Messages?.[0];
    if (!message) return done;
    const item = JSON.parse(message.Body!) as ObjectRef;
    await clients.s3.send(new HeadObjectCommand({ Bucket: item.bucket, Key: item.key }));
    await trivialAction.run(item, undefined, { clients, logger: quiet, signal: new AbortController().signal });
    await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    done++;
  }
}

async function stepforgeConsume(clients: AwsClients, queueUrl: string): Promise<number> {
  const output = await consume(
    {
      queueUrl,
      action: { action: trivialAction as ObjectAction<unknown>, params: undefined },
      concurrency: 64,
      idleSeconds: 1,
      maxMessages: undefined,
      deleteSource: false,
      legacyBucket: undefined,
      retryDelaySeconds: undefined,
    },
    {
      clients,
      logger: quiet,
      signal: new AbortController().signal,
      heartbeat: async () => {},
      requestId: 'bench',
      env: {},
    },
  );
  return output.succeeded;
}

async function timed(label: string, run: () => Promise<number>) {
  const measured = await measureCpu(run);
  const done = measured.result;
  // Both stop after an empty receive of ~1 s; take it out so the rate is the work's.
  const seconds = measured.seconds - 1;
  if (done !== messageCount) throw new Error(`${label} processed ${done} of ${messageCount}`);
  const rate = done / seconds;
  console.log(
    `${label.padEnd(32)} ${done} msgs in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} msgs/s (${measured.cpu})`,
  );
  return rate;
}

const plain = createAwsClients(undefined, { maxSockets: 128 });
await plain.s3.send(new CreateBucketCommand({ Bucket: bucket }));
await plain.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' }));
const runs: Array<[string, AwsClients, number]> = [['no added latency', plain, 0]];
if (latencyMs > 0)
  runs.push([
    `+${latencyMs} ms per request`,
    withLatency(createAwsClients(undefined, { maxSockets: 128 }), latencyMs),
    latencyMs,
  ]);
for (const [label, clients, addedMs] of runs) {
  const baselineQueue = await fillQueue(plain, 'bench-one-by-one');
  const oursQueue = await fillQueue(plain, 'bench-consume');
  console.log(`-- ${label}`);
  const baseline = await timed('receive-one/process/delete-one', () => receiveOneAtATime(clients, baselineQueue));
  const ours = await timed('stepforge consume', () => stepforgeConsume(clients, oursQueue));
  console.log(`ratio stepforge / one-at-a-time (${label}): ${ratioVerdict(ours / baseline, 10, addedMs)}`);
  for (const queueUrl of [baselineQueue, oursQueue])
    await plain.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => undefined);
}
if (processed !== messageCount * 2 * runs.length) throw new Error(`the action ran ${processed} times`);
for (const [, clients] of runs) {
  clients.s3.destroy();
  clients.sqs.destroy();
  clients.sfn.destroy();
}
