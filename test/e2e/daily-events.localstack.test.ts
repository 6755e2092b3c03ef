import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import {
  clients,
  type DeployedExamples,
  deployExamples,
  removeExamples,
  type RunningWorker,
  runExecution,
  startWorker,
} from '../support/e2e/harness.ts';

// The original: a job drained a queue of events (many wrapped in SNS envelopes) into one JSON-lines file per day,
// merging with the file already there. Here the `daily-events` workflow runs consume with the `daily-merge` action.
let examples: DeployedExamples;
let worker: RunningWorker;

before(async () => {
  examples = await deployExamples('daily');
  worker = startWorker('consume', examples);
});

after(async () => {
  const code = await worker.stop();
  await removeExamples(examples);
  assert.equal(code, 0, worker.log());
});

interface Event {
  readonly timestamp: string;
  readonly channel: string;
  readonly endpoint: string;
  readonly event: string;
}

const line = (event: Event) =>
  JSON.stringify({ timestamp: event.timestamp, channel: event.channel, endpoint: event.endpoint, event: event.event });
const snsEnvelope = (event: Event) =>
  JSON.stringify({
    Type: 'Notification',
    TopicArn: 'arn:aws:sns:us-east-1:000000000000:events',
    Message: JSON.stringify(event),
  });

const existing: Event = { timestamp: '2026-03-01T08:00:00Z', channel: 'web', endpoint: '/login', event: 'login' };
const purchase: Event = { timestamp: '2026-03-01T10:30:00Z', channel: 'web', endpoint: '/checkout', event: 'purchase' };
const refund: Event = { timestamp: '2026-03-01T23:59:59Z', channel: 'app', endpoint: '/refund', event: 'refund' };
const nextDay: Event = { timestamp: '2026-03-02T00:00:01Z', channel: 'app', endpoint: '/login', event: 'login' };

async function send(bodies: readonly string[]): Promise<void> {
  await clients.sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: examples.deployment.queues['event-queue']!.url,
      Entries: bodies.map((body, index) => ({ Id: `m${index}`, MessageBody: body })),
    }),
  );
}

async function read(bucket: string, key: string): Promise<string> {
  const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return object.Body!.transformToString();
}

test('events become one file per day, merged with the existing file; a rerun with the same events adds no line', {
  timeout: 240_000,
}, async () => {
  const bucket = examples.deployment.buckets['event-archive']!;
  const arn = examples.deployment.workflows['daily-events']!.stateMachineArn;
  await clients.s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: 'events/prod/20260301', Body: `${line(existing)}\n` }),
  );

  // Plain and SNS-wrapped bodies, and an event the day file already holds.
  await send([JSON.stringify(purchase), snsEnvelope(refund), snsEnvelope(existing), JSON.stringify(nextDay)]);
  const first = await runExecution(arn, { keyPrefix: 'events/prod/' });
  assert.equal(first.status, 'SUCCEEDED', `${first.error}: ${first.cause}\n${worker.log()}`);
  assert.deepEqual(first.output, { received: 4, succeeded: 4, failed: 0 });

  const day1 = `${[line(existing), line(purchase), line(refund)].sort().join('\n')}\n`;
  const day2 = `${line(nextDay)}\n`;
  assert.equal(await read(bucket, 'events/prod/20260301'), day1);
  assert.equal(await read(bucket, 'events/prod/20260302'), day2);

  // The same events again (a redelivery, a replayed topic): the files do not change.
  await send([snsEnvelope(purchase), JSON.stringify(refund), JSON.stringify(nextDay)]);
  const rerun = await runExecution(arn, { keyPrefix: 'events/prod/' });
  assert.equal(rerun.status, 'SUCCEEDED', `${rerun.error}: ${rerun.cause}`);
  assert.equal(await read(bucket, 'events/prod/20260301'), day1);
  assert.equal(await read(bucket, 'events/prod/20260302'), day2);
  const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  assert.deepEqual((listed.Contents ?? []).map((object) => object.Key).sort(), [
    'events/prod/20260301',
    'events/prod/20260302',
  ]);
});
