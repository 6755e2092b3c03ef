// Benchmark: list-and-publish of 10,000 objects against the original algorithm (sequential ListObjectsV2 pages,
// one SendMessageBatch at a time), both in this run against the same LocalStack. Prints msgs/s and the ratio.
// LocalStack answers from one Python process on a shared 2-core machine, so its CPU, not the client's algorithm,
// bounds throughput at zero latency; the second measurement adds a simulated network round trip (as to AWS in the
// same region) to both algorithms alike, which is where overlapping requests pays off.
// Run: node --import tsx bench/publish.ts [objects] [simulated latency ms, default 20]
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, DeleteQueueCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { type AwsClients, createAwsClients, createLogger } from '../src/aws/index.ts';
import { listAndPublish } from '../tasks/list-and-publish/index.ts';
import { parseListAndPublishInput } from '../tasks/list-and-publish/input.ts';
import { measureCpu, ratioVerdict, useLocalStackDefaults, withLatency } from './support.ts';

const objectCount = Number(process.argv[2] ?? 10_000);
const latencyMs = Number(process.argv[3] ?? 20);
useLocalStackDefaults();
const clients = createAwsClients(undefined, { maxSockets: 64 });
const slowClients = withLatency(createAwsClients(undefined, { maxSockets: 64 }), latencyMs);
const quiet = createLogger({ pretty: true, level: 'error' });
const suffix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
const bucket = `bench-publish-${suffix}`;

/** Delays every request of these clients by `ms` before it is sent: a stand-in for a network round trip. */

async function seed(): Promise<void> {
  await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  let next = 0;
  const put = async () => {
    while (next < objectCount) {
      const index = next++;
      await clients.s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: `objects/${String(index).padStart(6, '0')}.bin`, Body: 'x' }),
      );
    }
  };
  await Promise.all(Array.from({ length: 32 }, put));
}

async function newQueue(name: string): Promise<string> {
  return (await clients.sqs.send(new CreateQueueCommand({ QueueName: `${name}-${suffix}` }))).QueueUrl!;
}

/** The Python script's algorithm: one page at a time, one SendMessageBatch at a time. */
async function originalAlgorithm(clients: AwsClients, queueUrl: string): Promise<number> {
  let published = 0;
  let token: string | undefined;
  do {
    const page = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    const keys = (page.Contents ?? []).map((object) => object.Key!);
    for (let start = 0; start < keys.length; start += 10) {
      const entries = keys.slice(start, start + 10).map((key, index) => ({
        Id: String(index),
        MessageBody: JSON.stringify({ bucket, key }),
      }));
      const result = await clients.sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      published += result.Successful?.length ?? 0;
    }
    token = page.NextContinuationToken;
  } while (token);
  return published;
}

async function stepforge(clients: AwsClients, queueUrl: string): Promise<number> {
  const input = parseListAndPublishInput({ bucket, queueUrl });
  const output = await listAndPublish(input, {
    clients,
    logger: quiet,
    signal: new AbortController().signal,
    heartbeat: async () => {},
    requestId: 'bench',
    env: {},
  });
  return output.published;
}

async function timed(label: string, run: () => Promise<number>) {
  const { result: published, seconds, cpu } = await measureCpu(run);
  if (published !== objectCount) throw new Error(`${label} published ${published} of ${objectCount}`);
  const rate = published / seconds;
  console.log(`${label.padEnd(28)} ${published} msgs in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} msgs/s (${cpu})`);
  return rate;
}

console.log(`seeding ${objectCount} objects in ${bucket} ...`);
await seed();
// Warm both paths (connections, LocalStack's code paths) on a throwaway queue before measuring.
const warm = await newQueue('bench-warm');
await originalAlgorithm(clients, warm);
const made = [warm];
for (const [label, using, addedMs] of [
  ['no added latency', clients, 0],
  [`+${latencyMs} ms per request`, slowClients, latencyMs],
] as const) {
  const queues = [await newQueue('bench-baseline'), await newQueue('bench-stepforge')];
  made.push(...queues);
  console.log(`-- ${label}`);
  const baseline = await timed('original (sequential)', () => originalAlgorithm(using, queues[0]!));
  const ours = await timed('stepforge list-and-publish', () => stepforge(using, queues[1]!));
  console.log(`ratio stepforge / original (${label}): ${ratioVerdict(ours / baseline, 5, addedMs)}`);
}
// Best effort: the shared LocalStack may already have dropped them.
for (const queueUrl of made)
  await clients.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => undefined);
for (const set of [clients, slowClients]) {
  set.s3.destroy();
  set.sqs.destroy();
  set.sfn.destroy();
}
