import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { readManifest } from '../../src/deploy/index.ts';
import { taskEnvironment } from '../../src/dev/task-environment.ts';
import { inspectZip } from '../support/zip-archive/zip-inspect.ts';
import {
  clients,
  type DeployedExamples,
  deployExamples,
  removeExamples,
  type RunningWorker,
  runExecution,
  startWorker,
} from '../support/e2e/harness.ts';

// The original: the Media Archiver service took `{ files: [{source, destination?}], metadata }` from SQS, zipped the
// objects into one archive in the destination bucket and sent a notification with the link. Here the payload is the
// `media-archive` execution input; the worker gets the same environment the dev loop gives it.
let examples: DeployedExamples;
let worker: RunningWorker;

before(async () => {
  examples = await deployExamples('media');
  const env = taskEnvironment('zip-archive', await readManifest(examples.buildDir), examples.deployment, {});
  worker = startWorker('zip-archive', examples, env as Record<string, string>);
});

after(async () => {
  const code = await worker.stop();
  await removeExamples(examples);
  assert.equal(code, 0, worker.log());
});

async function receiveOne(queueUrl: string): Promise<unknown> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    if (Messages.length) {
      assert.equal(Messages.length, 1, 'one notification per archive');
      await clients.sqs.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: Messages[0]!.ReceiptHandle! }),
      );
      return JSON.parse(Messages[0]!.Body!);
    }
  }
  throw new Error('no notification arrived');
}

test('a zip with destination folders and an s3:// source from the second bucket; the notification is read back', {
  timeout: 240_000,
}, async () => {
  const { buckets, queues, workflows } = examples.deployment;
  const source = buckets['media-source']!;
  const extra = buckets['media-extra']!;
  const objects: [string, string, string][] = [
    [source, 'photos/cat.jpg', 'cat bytes'],
    [source, 'photos/dog.jpg', 'dog bytes'],
    [source, 'docs/readme.txt', 'read me'],
    [extra, 'shared/logo.png', 'logo bytes'],
  ];
  for (const [bucket, key, body] of objects)
    await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  const metadata = { requestId: 'req-7', email: 'editor@example.com' };

  const result = await runExecution(workflows['media-archive']!.stateMachineArn, {
    files: [
      { source: 'photos/cat.jpg', destination: 'animals' },
      { source: 'photos/dog.jpg', destination: 'animals/doggo.jpg' },
      { source: 'docs/readme.txt' },
      { source: `s3://${extra}/shared/logo.png`, destination: 'brand' },
    ],
    metadata,
    ignoredField: 'the archiver ignored unknown fields',
  });
  assert.equal(result.status, 'SUCCEEDED', `${result.error}: ${result.cause}\n${worker.log()}`);
  const output = result.output as {
    bucket: string;
    key: string;
    url: string;
    size: number;
    fileCount: number;
    metadata: unknown;
  };
  assert.equal(output.bucket, buckets['media-archives']);
  assert.match(output.key, /^[0-9a-f]{64}\/download-\d{4}-\d{2}-\d{2}\.zip$/);
  assert.equal(output.url, `${examples.deployment.endpoint}/${output.bucket}/${output.key}`);
  assert.equal(output.fileCount, 4);
  assert.deepEqual(output.metadata, metadata);

  const archive = await clients.s3.send(new GetObjectCommand({ Bucket: output.bucket, Key: output.key }));
  const zip = Buffer.from(await archive.Body!.transformToByteArray());
  assert.equal(zip.length, output.size);
  const entries = await inspectZip(zip);
  assert.deepEqual(
    entries.map((entry) => [entry.name, entry.content.toString()]),
    [
      ['animals/cat.jpg', 'cat bytes'],
      ['animals/doggo.jpg', 'dog bytes'],
      ['readme.txt', 'read me'],
      ['brand/logo.png', 'logo bytes'],
    ],
  );

  assert.deepEqual(await receiveOne(queues['media-notifications']!.url), {
    metadata,
    substitutions: { archiver_URL: output.url },
    archive: { bucket: output.bucket, key: output.key, size: output.size, fileCount: 4 },
  });
});

test('a source in a bucket that is not allowed fails with a named error a Catch can match', {
  timeout: 120_000,
}, async () => {
  const result = await runExecution(examples.deployment.workflows['media-archive']!.stateMachineArn, {
    files: [{ source: 's3://somebody-elses-bucket/secret.txt' }],
  });
  assert.equal(result.status, 'FAILED');
  assert.equal(result.error, 'ZipArchive.SourceNotAllowed');
  assert.match(result.cause ?? '', /somebody-elses-bucket/);
});
