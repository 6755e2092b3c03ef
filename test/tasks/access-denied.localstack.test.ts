// Every task path that names AccessDenied, over HTTP: LocalStack does not enforce IAM, so the tasks' clients go
// through a proxy that forwards to LocalStack and answers the one denied request with AWS's real 403 error shape.
// Each test asserts the named error, a cause that says what was refused and where, and that nothing was lost.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { ListMultipartUploadsCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { createLogger } from '../../src/aws/index.ts';
import { actionTask } from '../../tasks/action/index.ts';
import { consumeTask } from '../../tasks/consume/index.ts';
import { listAndPublishTask } from '../../tasks/list-and-publish/index.ts';
import { executeTask, type TaskOutcome } from '../../tasks/runtime/execute-task.ts';
import type { AnyTaskDefinition } from '../../tasks/runtime/task.ts';
import { zipArchiveTask } from '../../tasks/zip-archive/index.ts';
import { type DenyProxy, type DenyRule, startDenyProxy } from '../support/deny-proxy.ts';
import { clients, createBucket, createQueue, directContext, drainQueue, putObjects } from '../support/tasks/aws.ts';

const proxies: DenyProxy[] = [];
after(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()));
  for (const client of [clients.s3, clients.sqs, clients.sfn]) client.destroy();
});

async function denying(rule: DenyRule): Promise<DenyProxy> {
  const proxy = await startDenyProxy(rule);
  proxies.push(proxy);
  return proxy;
}

/** Runs a task with the proxy's clients, keeping its log lines. */
async function run(task: AnyTaskDefinition, proxy: DenyProxy, input: unknown, env: Record<string, string> = {}) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ pretty: false, level: 'debug', write: (line) => lines.push(JSON.parse(line)) });
  const outcome: TaskOutcome = await executeTask(task, input, directContext({ clients: proxy.clients, logger, env }));
  return { outcome, lines };
}

function sqsRefusal(action: string, queueUrl: string): string {
  const name = queueUrl.split('/').pop();
  return `User: arn:aws:iam::000000000000:user/stub is not authorized to perform: sqs:${action} on resource: arn:aws:sqs:us-east-1:000000000000:${name} because no identity-based policy allows the sqs:${action} action`;
}

describe('list-and-publish: AccessDenied', () => {
  test('on ListObjectsV2 names the bucket; nothing is published', async () => {
    const bucket = await createBucket();
    const queue = await createQueue();
    await putObjects(bucket, [{ key: 'a' }, { key: 'b' }]);
    const proxy = await denying((request) => request.operation === 'ListObjectsV2' && request.bucket === bucket);
    const { outcome } = await run(listAndPublishTask, proxy, { bucket, queueUrl: queue.url });
    assert.deepEqual(outcome, {
      ok: false,
      error: 'ListAndPublish.AccessDenied',
      cause: `listing bucket "${bucket}" was refused: Access Denied`,
    });
    assert.deepEqual(proxy.seen('SendMessageBatch'), []);
    assert.deepEqual(await drainQueue(queue.url, 1), []);
  });

  test('on SendMessageBatch (and on the queue attributes read first) names the queue', async () => {
    const bucket = await createBucket();
    const queue = await createQueue();
    await putObjects(
      bucket,
      Array.from({ length: 25 }, (_, index) => ({ key: `k${index}` })),
    );
    const sending = await denying(
      (request) => request.operation === 'SendMessageBatch' && request.queueUrl === queue.url,
    );
    const refused = await run(listAndPublishTask, sending, { bucket, queueUrl: queue.url });
    assert.deepEqual(refused.outcome, {
      ok: false,
      error: 'ListAndPublish.AccessDenied',
      cause: `sending to queue ${queue.url} was refused: ${sqsRefusal('sendmessage', queue.url)}`,
    });
    assert.ok(sending.seen('SendMessageBatch').every((request) => request.denied));
    assert.deepEqual(await drainQueue(queue.url, 1), [], 'SQS accepted nothing');

    const reading = await denying(
      (request) => request.operation === 'GetQueueAttributes' && request.queueUrl === queue.url,
    );
    const attributes = await run(listAndPublishTask, reading, { bucket, queueUrl: queue.url });
    assert.deepEqual(attributes.outcome, {
      ok: false,
      error: 'ListAndPublish.AccessDenied',
      cause: `reading the attributes of queue ${queue.url} was refused: ${sqsRefusal('getqueueattributes', queue.url)}`,
    });
    assert.deepEqual(reading.seen('ListObjectsV2'), [], 'the queue is checked before the bucket is listed');
  });
});

async function messagesInQueue(queueUrl: string): Promise<number> {
  const { Attributes = {} } = await clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
}

async function sendObjectMessages(queueUrl: string, bucket: string, keys: readonly string[]): Promise<void> {
  for (let start = 0; start < keys.length; start += 10) {
    const entries = keys
      .slice(start, start + 10)
      .map((key, index) => ({ Id: String(index), MessageBody: JSON.stringify({ bucket, key }) }));
    await clients.sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
  }
}

describe('consume: AccessDenied', () => {
  test('on ReceiveMessage names the queue', async () => {
    const queue = await createQueue();
    const proxy = await denying((request) => request.operation === 'ReceiveMessage' && request.queueUrl === queue.url);
    const { outcome } = await run(consumeTask, proxy, {
      queueUrl: queue.url,
      action: { name: 's3-copy', params: { bucket: 'x' } },
      idleSeconds: 1,
    });
    assert.deepEqual(outcome, {
      ok: false,
      error: 'Consume.AccessDenied',
      cause: `receiving from queue ${queue.url} was refused: ${sqsRefusal('receivemessage', queue.url)}`,
    });
  });

  test('on DeleteMessageBatch stops consuming (every message would come back) and names the queue', async () => {
    const source = await createBucket();
    const target = await createBucket();
    const queue = await createQueue();
    const keys = Array.from({ length: 12 }, (_, index) => `k${index}`);
    await putObjects(
      source,
      keys.map((key) => ({ key })),
    );
    await sendObjectMessages(queue.url, source, keys);
    const proxy = await denying(
      (request) => request.operation === 'DeleteMessageBatch' && request.queueUrl === queue.url,
    );
    const { outcome } = await run(consumeTask, proxy, {
      queueUrl: queue.url,
      action: { name: 's3-copy', params: { bucket: target } },
      concurrency: 1,
      idleSeconds: 1,
    });
    assert.deepEqual(outcome, {
      ok: false,
      error: 'Consume.AccessDenied',
      cause: `deleting messages from queue ${queue.url} was refused: ${sqsRefusal('deletemessage', queue.url)}`,
    });
    // One slot: the next receive waits for the first message's delete, which is refused; the other 11 are not run.
    assert.equal(proxy.seen('CopyObject').length, 1);
    assert.equal(proxy.seen('DeleteMessageBatch').length, 1, 'a refusal is not retried');
    assert.equal(await messagesInQueue(queue.url), 12, 'no message was lost');
  });

  test('on the source delete (deleteSource) keeps the message and the object', async () => {
    const source = await createBucket();
    const target = await createBucket();
    const queue = await createQueue();
    await putObjects(source, [{ key: 'keep me.txt' }]);
    await sendObjectMessages(queue.url, source, ['keep me.txt']);
    const proxy = await denying((request) => request.operation === 'DeleteObject' && request.bucket === source);
    const { outcome, lines } = await run(consumeTask, proxy, {
      queueUrl: queue.url,
      action: { name: 's3-copy', params: { bucket: target } },
      deleteSource: true,
      idleSeconds: 1,
      maxMessages: 1,
    });
    assert.deepEqual(outcome, { ok: true, output: { received: 1, succeeded: 0, failed: 1 } });
    const kept = lines.find((line) => line.msg === 'source delete failed: message kept');
    assert.deepEqual([kept?.key, kept?.error], ['keep me.txt', 'AccessDenied: Access Denied']);
    assert.deepEqual(proxy.seen('DeleteMessageBatch'), []);
    assert.equal(await messagesInQueue(queue.url), 1);
    assert.equal((await clients.s3.send(new ListObjectsV2Command({ Bucket: source }))).KeyCount, 1);
  });

  test('on the object read keeps that message (the action is not run) and goes on with the others', async () => {
    const source = await createBucket();
    const target = await createBucket();
    const queue = await createQueue();
    await putObjects(source, [{ key: 'open.txt' }, { key: 'secret/plan.txt' }]);
    await clients.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: ['open.txt', 'secret/plan.txt'].map((key, index) => ({
          Id: String(index),
          MessageBody: JSON.stringify({ bucket: source, key }),
        })),
      }),
    );
    // HeadObject is the read consume does before an s3-copy: S3 answers a refused HEAD with a bare 403.
    const proxy = await denying((request) => request.operation === 'HeadObject' && request.key === 'secret/plan.txt');
    const { outcome, lines } = await run(consumeTask, proxy, {
      queueUrl: queue.url,
      action: { name: 's3-copy', params: { bucket: target } },
      idleSeconds: 1,
      maxMessages: 2,
      // Visible again at once, so the check below finds it (and consume, stopping at 2, does not take it again).
      retryDelaySeconds: 0,
    });
    assert.deepEqual(outcome, { ok: true, output: { received: 2, succeeded: 1, failed: 1 } });
    const kept = lines.find((line) => line.msg === 'action failed: message kept');
    assert.equal(
      kept?.error,
      `Action.AccessDenied: reading s3://${source}/secret/plan.txt was refused: HTTP 403 Forbidden`,
    );
    assert.equal(kept?.key, 'secret/plan.txt');
    assert.deepEqual(
      proxy.seen('CopyObject').map((request) => request.key),
      ['open.txt'],
      'the refused object was not copied',
    );
    const left = await drainQueue(queue.url, 1);
    assert.deepEqual(
      left.map((message) => message.Body),
      [JSON.stringify({ bucket: source, key: 'secret/plan.txt' })],
      'its message was not deleted',
    );
  });
});

/** A receiver that counts the POSTs it gets (none should come when the read was refused). */
async function countingReceiver() {
  let posts = 0;
  const server = createServer((request, response) => {
    posts++;
    request.resume().on('end', () => response.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/import`,
    posts: () => posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('action: AccessDenied', () => {
  test('http-post: a refused GetObject names the object and posts nothing', async () => {
    const bucket = await createBucket();
    await putObjects(bucket, [{ key: 'reports/q1.pdf' }]);
    const receiver = await countingReceiver();
    try {
      const proxy = await denying((request) => request.operation === 'GetObject' && request.bucket === bucket);
      const { outcome } = await run(actionTask, proxy, {
        action: { name: 'http-post', params: { url: receiver.url } },
        item: { bucket, key: 'reports/q1.pdf' },
      });
      assert.deepEqual(outcome, {
        ok: false,
        error: 'Action.AccessDenied',
        cause: `reading s3://${bucket}/reports/q1.pdf was refused: Access Denied`,
      });
      assert.equal(receiver.posts(), 0);
    } finally {
      await receiver.close();
    }
  });

  test('s3-copy: a refused CopyObject names both sides; nothing is written', async () => {
    const source = await createBucket();
    const target = await createBucket();
    await putObjects(source, [{ key: 'a b/ü.txt' }]);
    const proxy = await denying((request) => request.operation === 'CopyObject' && request.bucket === target);
    const { outcome } = await run(actionTask, proxy, {
      action: { name: 's3-copy', params: { bucket: target, prefix: 'in/' } },
      item: { bucket: source, key: 'a b/ü.txt' },
    });
    assert.deepEqual(outcome, {
      ok: false,
      error: 'Action.AccessDenied',
      cause: `copying s3://${source}/a b/ü.txt to s3://${target}/in/a b/ü.txt was refused: Access Denied`,
    });
    assert.equal((await clients.s3.send(new ListObjectsV2Command({ Bucket: target }))).KeyCount, 0);
  });

  test('daily-merge: a refused day-file read or write fails its messages naming the file, and writes nothing', async () => {
    const bucket = await createBucket();
    const event = JSON.stringify({ timestamp: '2026-03-01T10:00:00Z', channel: 'web', endpoint: '/x', event: 'click' });
    await putObjects(bucket, [{ key: 'inbox.jsonl', body: `${event}\n` }]);
    const input = { action: { name: 'daily-merge', params: { bucket } }, item: { bucket, key: 'inbox.jsonl' } };
    const dayFile = `s3://${bucket}/events/prod/20260301`;

    const reading = await denying(
      (request) => request.operation === 'GetObject' && request.key === 'events/prod/20260301',
    );
    const readRefused = await run(actionTask, reading, input);
    assert.deepEqual(readRefused.outcome, {
      ok: false,
      error: 'Action.MessagesFailed',
      cause: `1 of 1 messages in s3://${bucket}/inbox.jsonl failed: line 1: reading ${dayFile} failed, nothing written: AccessDenied: Access Denied`,
    });
    assert.deepEqual(reading.seen('PutObject'), [], 'a day file that could not be read is not written');

    const writing = await denying(
      (request) => request.operation === 'PutObject' && request.key === 'events/prod/20260301',
    );
    const writeRefused = await run(actionTask, writing, input);
    assert.deepEqual(writeRefused.outcome, {
      ok: false,
      error: 'Action.MessagesFailed',
      cause: `1 of 1 messages in s3://${bucket}/inbox.jsonl failed: line 1: writing ${dayFile} failed after 1 attempts: AccessDenied: Access Denied`,
    });
    assert.equal(writing.seen('PutObject').length, 1, 'a refusal is not retried like a lost race');
  });

  test('the object the action task reads for a batch action: a refused GetObject is Action.AccessDenied', async () => {
    const bucket = await createBucket();
    await putObjects(bucket, [{ key: 'inbox.jsonl', body: '{}\n' }]);
    const proxy = await denying((request) => request.operation === 'GetObject' && request.key === 'inbox.jsonl');
    const { outcome } = await run(actionTask, proxy, {
      action: { name: 'daily-merge', params: { bucket } },
      item: { bucket, key: 'inbox.jsonl' },
    });
    assert.deepEqual(outcome, {
      ok: false,
      error: 'Action.AccessDenied',
      cause: `reading s3://${bucket}/inbox.jsonl was refused: Access Denied`,
    });
  });
});

describe('zip-archive: AccessDenied', () => {
  async function zipFixture() {
    const sourceBucket = await createBucket('zip-src');
    const destinationBucket = await createBucket('zip-dst');
    const queue = await createQueue('zip-notify');
    const env = {
      ARCHIVE_BASE_URL: 'https://downloads.example.com',
      SQS_DESTINATION_QUEUE: queue.url,
      S3_DESTINATION_BUCKET: destinationBucket,
      S3_SOURCE_BUCKET: sourceBucket,
    };
    return { sourceBucket, destinationBucket, queueUrl: queue.url, env };
  }

  async function pendingUploads(bucket: string): Promise<number> {
    return (await clients.s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads?.length ?? 0;
  }

  async function archiveKeys(bucket: string): Promise<string[]> {
    return ((await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map(
      (object) => object.Key!,
    );
  }

  test('on a source GetObject mid-archive: named, the multipart upload aborted, no archive, no notification', async () => {
    const fixture = await zipFixture();
    // The writer opens an entry early only while the ones queued behind the current one stay under 32 MiB: with 33 MiB
    // second, the denied third source is opened only after the 20 MiB first one was written into upload parts.
    await clients.s3.send(
      new PutObjectCommand({ Bucket: fixture.sourceBucket, Key: 'first.bin', Body: randomBytes(20 * 1024 * 1024) }),
    );
    await clients.s3.send(
      new PutObjectCommand({ Bucket: fixture.sourceBucket, Key: 'second.bin', Body: randomBytes(33 * 1024 * 1024) }),
    );
    await putObjects(fixture.sourceBucket, [{ key: 'private/small.txt' }]);
    const proxy = await denying((request) => request.operation === 'GetObject' && request.key === 'private/small.txt');
    const files = [{ source: 'first.bin' }, { source: 'second.bin' }, { source: 'private/small.txt' }];
    const { outcome } = await run(zipArchiveTask, proxy, { files }, fixture.env);
    assert.deepEqual(outcome, {
      ok: false,
      error: 'ZipArchive.AccessDenied',
      cause: `files[2].source "private/small.txt" (s3://${fixture.sourceBucket}/private/small.txt): access denied`,
    });
    assert.equal(proxy.seen('CreateMultipartUpload').length, 1, 'the upload had started');
    assert.ok(proxy.seen('UploadPart').length >= 1);
    assert.equal(proxy.seen('AbortMultipartUpload').length >= 1, true, 'and was aborted');
    assert.deepEqual(proxy.seen('CompleteMultipartUpload'), []);
    assert.equal(await pendingUploads(fixture.destinationBucket), 0);
    assert.deepEqual(await archiveKeys(fixture.destinationBucket), []);
    assert.deepEqual(proxy.seen('SendMessage'), []);
    assert.deepEqual(await drainQueue(fixture.queueUrl, 1), []);
  });

  test('on a source HeadObject: named before any upload exists', async () => {
    const fixture = await zipFixture();
    await putObjects(fixture.sourceBucket, [{ key: 'a.txt' }, { key: 'b.txt' }]);
    const proxy = await denying((request) => request.operation === 'HeadObject' && request.key === 'b.txt');
    const { outcome } = await run(
      zipArchiveTask,
      proxy,
      { files: [{ source: 'a.txt' }, { source: `s3://${fixture.sourceBucket}/b.txt` }] },
      fixture.env,
    );
    assert.deepEqual(outcome, {
      ok: false,
      error: 'ZipArchive.AccessDenied',
      cause: `files[1].source "s3://${fixture.sourceBucket}/b.txt" (s3://${fixture.sourceBucket}/b.txt): access denied`,
    });
    assert.deepEqual(proxy.seen('CreateMultipartUpload'), []);
    assert.deepEqual(proxy.seen('PutObject'), []);
    assert.deepEqual(proxy.seen('SendMessage'), []);
  });

  test('on the archive write and on the notification: named with the destination', async () => {
    const fixture = await zipFixture();
    await putObjects(fixture.sourceBucket, [{ key: 'a.txt' }]);
    const writing = await denying(
      (request) => request.operation === 'PutObject' && request.bucket === fixture.destinationBucket,
    );
    const writeRefused = await run(zipArchiveTask, writing, { files: [{ source: 'a.txt' }] }, fixture.env);
    assert.equal(writeRefused.outcome.ok, false);
    assert.deepEqual(
      writeRefused.outcome.ok
        ? undefined
        : [
            writeRefused.outcome.error,
            writeRefused.outcome.cause.replace(/[0-9a-f]{64}\/download-\d{4}-\d\d-\d\d\.zip/, '<key>'),
          ],
      [
        'ZipArchive.AccessDenied',
        `writing the archive s3://${fixture.destinationBucket}/<key> was refused: Access Denied`,
      ],
    );
    assert.deepEqual(await archiveKeys(fixture.destinationBucket), []);
    assert.deepEqual(writing.seen('SendMessage'), []);

    const notifying = await denying(
      (request) => request.operation === 'SendMessage' && request.queueUrl === fixture.queueUrl,
    );
    const notifyRefused = await run(zipArchiveTask, notifying, { files: [{ source: 'a.txt' }] }, fixture.env);
    assert.deepEqual(notifyRefused.outcome, {
      ok: false,
      error: 'ZipArchive.AccessDenied',
      cause: `sending the notification to queue ${fixture.queueUrl} was refused: ${sqsRefusal('sendmessage', fixture.queueUrl)}`,
    });
    // The archive is complete; the task failed, so a retry (same request) overwrites that key rather than add one.
    assert.equal((await archiveKeys(fixture.destinationBucket)).length, 1);
    assert.deepEqual(await drainQueue(fixture.queueUrl, 1), []);
  });
});
