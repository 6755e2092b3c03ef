import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { archiveKey } from '../../../tasks/zip-archive/archive-key.ts';
import { parseZipArchivePayload, runZipArchiveFromQueue } from '../../../tasks/zip-archive/index.ts';
import {
  createBucket,
  createQueue,
  getObject,
  memoryLogger,
  putObject,
  receiveAll,
  testClients,
} from '../../support/zip-archive/localstack.ts';
import { inspectZip } from '../../support/zip-archive/zip-inspect.ts';
import { startWorker } from '../../support/tasks/processes.ts';

const clients = testClients();
const { s3, sqs } = clients;

/**
 * Fresh source and destination buckets, a request queue and a notification queue, with the archiver's environment
 * for them (SQS_DESTINATION_QUEUE only when the test wants notifications).
 */
async function archiverSetup(options: { notify: boolean }) {
  const sourceBucket = await createBucket(s3, 'zipq-src');
  const destinationBucket = await createBucket(s3, 'zipq-dst');
  const sourceQueue = await createQueue(sqs, 'zipq-requests');
  const notificationQueue = await createQueue(sqs, 'zipq-notify');
  const env: Record<string, string> = {
    ARCHIVE_BASE_URL: 'https://files.example.com',
    SQS_SOURCE_QUEUE: sourceQueue,
    S3_SOURCE_BUCKET: sourceBucket,
    S3_DESTINATION_BUCKET: destinationBucket,
    ...(options.notify ? { SQS_DESTINATION_QUEUE: notificationQueue } : {}),
  };
  return { sourceBucket, destinationBucket, sourceQueue, notificationQueue, env };
}

describe('zip-archive --from-queue', () => {
  it('archives good requests, deletes them after notifying, and leaves bad ones for the DLQ', async () => {
    const { sourceBucket, destinationBucket, sourceQueue, notificationQueue, env } = await archiverSetup({
      notify: true,
    });
    await putObject(s3, sourceBucket, 'reports/q1.pdf', Buffer.from('quarter one'));
    await putObject(s3, sourceBucket, 'reports/q2.pdf', Buffer.from('quarter two'));
    const good = {
      files: [{ source: 'reports/q1.pdf' }, { source: 'reports/q2.pdf', destination: 'later' }],
      metadata: { ticket: 'T-1' },
    };
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: sourceQueue, MessageBody: JSON.stringify(good) }));
    await sqs.send(new SendMessageCommand({ QueueUrl: sourceQueue, MessageBody: '{"files": [' }));
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: sourceQueue,
        MessageBody: JSON.stringify({ files: [{ source: 'a.txt', destination: '../up' }] }),
      }),
    );

    const { logger, lines } = memoryLogger();
    const summary = await runZipArchiveFromQueue({
      clients,
      logger,
      env,
      stopTaking: new AbortController().signal,
      visibilityTimeoutSeconds: 30,
      waitTimeSeconds: 1,
      idleSeconds: 3,
    });
    assert.deepEqual(summary, { received: 3, succeeded: 1, failed: 0, rejected: 2 });

    const notifications = await receiveAll(sqs, notificationQueue);
    assert.equal(notifications.length, 1);
    const body = JSON.parse(notifications[0]!.Body!);
    const key: string = body.archive.key;
    assert.equal(
      key.split('/')[0],
      archiveKey(sent.MessageId!, parseZipArchivePayload(good), 'download', new Date()).split('/')[0],
    );
    assert.match(key, /^[0-9a-f]{64}\/download-\d{4}-\d{2}-\d{2}\.zip$/);
    assert.deepEqual(body, {
      metadata: { ticket: 'T-1' },
      substitutions: { archiver_URL: `https://files.example.com/${key}` },
      archive: { bucket: destinationBucket, key, size: body.archive.size, fileCount: 2 },
    });
    const entries = await inspectZip(await getObject(s3, destinationBucket, key));
    assert.deepEqual(
      entries.map((entry) => [entry.name, entry.content.toString()]),
      [
        ['q1.pdf', 'quarter one'],
        ['later/q2.pdf', 'quarter two'],
      ],
    );

    // The two bad messages are still in the queue (in flight until their visibility lapses), the good one is gone.
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: sourceQueue,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    const left =
      Number(attributes.Attributes!.ApproximateNumberOfMessages) +
      Number(attributes.Attributes!.ApproximateNumberOfMessagesNotVisible);
    assert.equal(left, 2);
    const rejections = lines.filter((line) => line.outcome === 'rejected').map((line) => String(line.cause));
    assert.equal(rejections.length, 2);
    assert.ok(
      rejections.some((cause) => cause.startsWith('payload: is not valid JSON')),
      rejections.join(' | '),
    );
    assert.ok(
      rejections.some((cause) => cause.startsWith('files[0].destination: "../up" contains a ".." segment')),
      rejections.join(' | '),
    );
  });

  it('keeps extending the visibility of a message whose archive outlasts it, so no second slot takes it', async () => {
    const { sourceBucket, sourceQueue, env } = await archiverSetup({ notify: false });
    const files = await Promise.all(
      Array.from({ length: 5 }, async (_, index) => {
        await putObject(s3, sourceBucket, `slow/${index}.bin`, randomBytes(16 * 1024 * 1024));
        return { source: `slow/${index}.bin` };
      }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: sourceQueue, MessageBody: JSON.stringify({ files }) }));
    const { logger, lines } = memoryLogger();
    const summary = await runZipArchiveFromQueue({
      clients,
      logger,
      env: {
        ...env,
        // Deflating 80 MiB of random bytes at level 9 takes seconds: several times the 1 s visibility below.
        ZIP_COMPRESSION_LEVEL: '9',
      },
      // A message that keeps coming back would keep the queue from ever being idle: stop then and let the counts fail.
      stopTaking: AbortSignal.timeout(90_000),
      concurrency: 2,
      visibilityTimeoutSeconds: 1,
      waitTimeSeconds: 1,
      idleSeconds: 3,
    });
    const done = lines.find((line) => line.outcome === 'succeeded');
    // The premise, not a timing claim: an archive that outlasts two visibility timeouts was kept only by extension.
    assert.ok(Number(done?.durationMs) > 2000, `the archive took ${done?.durationMs} ms: too quick to prove anything`);
    assert.deepEqual(summary, { received: 1, succeeded: 1, failed: 0, rejected: 0 });
  });

  it('runs as `stepforge worker zip-archive --from-queue` and exits 0 on SIGTERM', async () => {
    const { sourceBucket, destinationBucket, sourceQueue, notificationQueue, env } = await archiverSetup({
      notify: true,
    });
    await putObject(s3, sourceBucket, 'x/one.txt', 'one');
    // A base URL ending in "/" still gives links without a double slash.
    const worker = startWorker(['zip-archive', '--from-queue'], {
      ...env,
      ARCHIVE_BASE_URL: 'https://files.example.com/',
    });
    try {
      await worker.waitForOutput(/consuming archive requests/);
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: sourceQueue,
          MessageBody: JSON.stringify({ files: [{ source: 'x/one.txt' }] }),
        }),
      );
      let notifications = await receiveAll(sqs, notificationQueue, 20);
      for (let attempt = 0; notifications.length === 0 && attempt < 3; attempt++)
        notifications = await receiveAll(sqs, notificationQueue, 20);
      assert.equal(notifications.length, 1);
      const body = JSON.parse(notifications[0]!.Body!);
      assert.equal(body.substitutions.archiver_URL, `https://files.example.com/${body.archive.key}`);
      const entries = await inspectZip(await getObject(s3, destinationBucket, body.archive.key));
      assert.deepEqual(
        entries.map((entry) => [entry.name, entry.content.toString()]),
        [['one.txt', 'one']],
      );
      await worker.waitForOutput(/"outcome":"succeeded"/);
    } finally {
      worker.kill('SIGTERM');
    }
    assert.equal(await worker.exited, 0, worker.output());
  });

  it('exits 2 naming a missing variable before taking work', async () => {
    const worker = startWorker(['zip-archive', '--from-queue'], {
      ARCHIVE_BASE_URL: 'https://files.example.com',
      S3_SOURCE_BUCKET: 'some-bucket',
      S3_DESTINATION_BUCKET: 'other-bucket',
      SQS_SOURCE_QUEUE: '',
    });
    assert.equal(await worker.exited, 2);
    assert.match(worker.output(), /SQS_SOURCE_QUEUE/);
  });
});
