import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import {
  clients,
  type DeployedExamples,
  deployExamples,
  removeExamples,
  inBatches,
  type RunningWorker,
  runExecution,
  startWorker,
} from '../support/e2e/harness.ts';

// The original: a Python script listed a bucket of `<sha256>.<ext>` objects and published one message per object to
// a FIFO queue. Here the `bucket-to-queue` workflow does it through the list-and-publish worker.
let examples: DeployedExamples;
let worker: RunningWorker;
const OBJECTS = 500;
const extensions = ['jpg', 'png', 'pdf', 'json', 'bin'];
const keys = Array.from({ length: OBJECTS }, (_, index) => {
  const sha = createHash('sha256').update(`object ${index}`).digest('hex');
  return `${sha}.${extensions[index % extensions.length]}`;
}).sort();

before(async () => {
  examples = await deployExamples('b2q');
  worker = startWorker('list-and-publish', examples);
});

after(async () => {
  const code = await worker.stop();
  await removeExamples(examples);
  assert.equal(code, 0, `the worker exits 0 on SIGTERM\n${worker.log()}`);
});

async function drain(queueUrl: string): Promise<{ bucket: string; key: string }[]> {
  const bodies: { bucket: string; key: string }[] = [];
  for (let emptyPolls = 0; emptyPolls < 2; ) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 60,
      }),
    );
    if (!Messages.length) {
      emptyPolls++;
      continue;
    }
    emptyPolls = 0;
    bodies.push(...Messages.map((message) => JSON.parse(message.Body!) as { bucket: string; key: string }));
    await clients.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
      }),
    );
  }
  return bodies;
}

test('500 objects <sha256>.ext become exactly 500 FIFO messages {bucket, key}, in listing order; a rerun adds none', {
  timeout: 300_000,
}, async () => {
  const bucket = examples.deployment.buckets['hashed-objects']!;
  const queueUrl = examples.deployment.queues['object-keys.fifo']!.url;
  await inBatches(keys, 25, (key) => clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key })));

  const arn = examples.deployment.workflows['bucket-to-queue']!.stateMachineArn;
  const first = await runExecution(arn, { prefix: '' });
  assert.equal(first.status, 'SUCCEEDED', `${first.error}: ${first.cause}\n${worker.log()}`);
  assert.deepEqual(first.output, { published: OBJECTS, queueUrl, firstKey: keys[0], lastKey: keys.at(-1) });

  const bodies = await drain(queueUrl);
  assert.equal(bodies.length, OBJECTS);
  // Exactly the two fields, the deployed bucket, every key once, and one message group keeps the listing order.
  assert.ok(bodies.every((body) => Object.keys(body).join() === 'bucket,key' && body.bucket === bucket));
  assert.deepEqual(
    bodies.map((body) => body.key),
    keys,
  );

  // Inside SQS's deduplication window, the same objects publish no second message.
  const rerun = await runExecution(arn, { prefix: '' });
  assert.equal(rerun.status, 'SUCCEEDED', `${rerun.error}: ${rerun.cause}`);
  assert.deepEqual(await drain(queueUrl), []);
});
