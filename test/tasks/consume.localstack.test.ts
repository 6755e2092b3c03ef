// consume against LocalStack: poison messages end in the DLQ while good ones are processed; batched daily-merge.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { createLogger } from '../../src/aws/index.ts';
import { consumeTask } from '../../tasks/consume/index.ts';
import { executeTask } from '../../tasks/runtime/execute-task.ts';
import { clients, createBucket, createQueue, directContext, drainQueue, putObjects } from '../support/tasks/aws.ts';

async function sendBodies(queueUrl: string, bodies: readonly string[]) {
  const batches = [];
  for (let start = 0; start < bodies.length; start += 10) {
    const entries = bodies.slice(start, start + 10).map((MessageBody, index) => ({ Id: String(index), MessageBody }));
    batches.push(clients.sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries })));
  }
  for (const result of await Promise.all(batches)) assert.equal(result.Failed?.length ?? 0, 0);
}

/** Runs consume directly, keeping its log lines for assertions. */
async function runConsume(input: Record<string, unknown>) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ pretty: false, level: 'debug', write: (line) => lines.push(JSON.parse(line)) });
  const outcome = await executeTask(consumeTask, input, directContext({ logger }));
  return { outcome, lines };
}

async function countObjects(bucket: string, prefix = ''): Promise<number> {
  let count = 0;
  let token: string | undefined;
  do {
    const page = await clients.s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    count += page.KeyCount ?? 0;
    token = page.NextContinuationToken;
  } while (token);
  return count;
}

const body = (bucket: string, key: string) => JSON.stringify({ bucket, key });

describe('consume', () => {
  test('1,000 good messages are processed and deleted while poison messages end in the DLQ', async () => {
    const source = await createBucket();
    const target = await createBucket();
    const queue = await createQueue('sf-consume', { dlqMaxReceiveCount: 2 });
    const keys = Array.from({ length: 1000 }, (_, index) => `good/${index} é.txt`);
    await putObjects(
      source,
      keys.map((key) => ({ key, body: 'g' })),
    );
    const poison = ['{"bucket": "unterminated', body(source, 'missing/object.txt')];
    await sendBodies(queue.url, [
      ...keys.slice(0, 500).map((key) => body(source, key)),
      ...poison,
      ...keys.slice(500).map((key) => body(source, key)),
    ]);

    const { outcome, lines } = await runConsume({
      queueUrl: queue.url,
      action: { name: 's3-copy', params: { bucket: target } },
      concurrency: 16,
      idleSeconds: 2,
      retryDelaySeconds: 0,
    });
    // Each poison message is received maxReceiveCount (2) times, then SQS moves it to the DLQ.
    assert.deepEqual(outcome, { ok: true, output: { received: 1004, succeeded: 1000, failed: 4 } });
    assert.equal(await countObjects(target, 'good/'), 1000);
    assert.deepEqual(await drainQueue(queue.url, 1), []);
    const dead = (await drainQueue(queue.dlqUrl!, 1)).map((message) => message.Body).sort();
    assert.deepEqual(dead, [...poison].sort());
    const invalid = lines.find((line) => line.msg === 'invalid message body: left for the DLQ');
    assert.equal(invalid?.field, 'body');
    assert.match(String(invalid?.reason), /^not JSON: /);
    const missing = lines.find((line) => line.msg === 'object missing: action not run, message kept');
    assert.equal(missing?.key, 'missing/object.txt');
  });

  test('invalid bodies are logged with the field at fault and kept; legacy {name, path} bodies and deleteSource work', async () => {
    const source = await createBucket();
    const target = await createBucket();
    const queue = await createQueue('sf-consume', { dlqMaxReceiveCount: 5 });
    await putObjects(source, [
      { key: 'legacy.txt', body: 'L' },
      { key: 'plain.txt', body: 'P' },
    ]);
    await sendBodies(queue.url, [
      JSON.stringify({ name: 'legacy.txt', path: '/artifacts/legacy.txt' }),
      body(source, 'plain.txt'),
      JSON.stringify({ bucket: source }),
      JSON.stringify({ bucket: 5, key: 'k' }),
      '[1, 2]',
      '"just a string"',
    ]);
    const { outcome, lines } = await runConsume({
      queueUrl: queue.url,
      action: { name: 's3-copy', params: { bucket: target, prefix: 'in/' } },
      idleSeconds: 1,
      maxMessages: 6,
      deleteSource: true,
      legacyBucket: source,
    });
    assert.deepEqual(outcome, { ok: true, output: { received: 6, succeeded: 2, failed: 4 } });
    const invalid = lines
      .filter((line) => line.msg === 'invalid message body: left for the DLQ')
      .map((line) => `${line.field}: ${line.reason}`)
      .sort();
    assert.deepEqual(invalid, [
      'body: must be a JSON object, got a list',
      'body: must be a JSON object, got the string "just a string"',
      'bucket: must be a non-empty string, got number 5',
      'key: must be a non-empty string, got nothing',
    ]);
    for (const key of ['legacy.txt', 'plain.txt']) {
      const copied = await clients.s3.send(new GetObjectCommand({ Bucket: target, Key: `in/${key}` }));
      assert.equal(await copied.Body!.transformToString(), key === 'legacy.txt' ? 'L' : 'P');
      await assert.rejects(clients.s3.send(new HeadObjectCommand({ Bucket: source, Key: key })), /NotFound/);
    }
    // The four invalid bodies are still in the queue (invisible until their visibility timeout), not deleted.
    assert.equal((await drainQueue(queue.dlqUrl!, 1)).length, 0);
  });

  test('daily-merge: each received batch writes each day file once; filtered messages are deleted and counted', async () => {
    const bucket = await createBucket();
    const queue = await createQueue();
    const events = Array.from({ length: 25 }, (_, index) =>
      JSON.stringify({
        Type: 'Notification',
        Message: JSON.stringify({
          timestamp: `2026-07-0${1 + (index % 2)}T10:00:${String(index).padStart(2, '0')}Z`,
          channel: index === 7 ? 'noise' : 'web',
          endpoint: '/p',
          event: `e${index}`,
        }),
      }),
    );
    await sendBodies(queue.url, events);
    const { outcome, lines } = await runConsume({
      queueUrl: queue.url,
      action: { name: 'daily-merge', params: { bucket, drop: { channel: ['noise'] } } },
      idleSeconds: 1,
      concurrency: 2,
    });
    assert.deepEqual(outcome, { ok: true, output: { received: 25, succeeded: 25, failed: 0 } });
    const merges = lines.filter((line) => line.msg === 'day file merged');
    assert.ok(
      merges.length <= 6,
      `at most 2 day files per received batch of up to 10, got ${merges.length} writes for 24 events`,
    );
    const day1 = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'events/prod/20260701' }));
    const day1Lines = (await day1.Body!.transformToString()).split('\n');
    assert.equal(day1Lines.length, 13 + 1, '13 events of July 1st and the trailing newline');
    assert.equal(day1Lines.at(-1), '');
    const day2 = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'events/prod/20260702' }));
    assert.equal(
      (await day2.Body!.transformToString()).trimEnd().split('\n').length,
      11,
      '12 events of July 2nd less the filtered one',
    );
    assert.deepEqual(await drainQueue(queue.url, 1), []);
  });

  test('bad inputs are Consume.InvalidInput naming the field; a missing queue is Consume.QueueNotFound', async () => {
    const queue = await createQueue();
    const cases: Array<[unknown, string]> = [
      [{ action: { name: 's3-copy', params: { bucket: 'b' } } }, 'queueUrl: is required'],
      [{ queueUrl: queue.url }, 'action: must be a JSON object, got undefined'],
      [
        { queueUrl: queue.url, action: { name: 'nope' } },
        'action.name: no action named "nope" (known: daily-merge, http-post, s3-copy)',
      ],
      [{ queueUrl: queue.url, action: { name: 'daily-merge', params: {} } }, 'action.params.bucket: is required'],
      [
        { queueUrl: queue.url, action: { name: 's3-copy', params: { bucket: 'b' } }, concurrency: 0 },
        'concurrency: must be between 1 and 1000, got 0',
      ],
      [
        { queueUrl: queue.url, action: { name: 's3-copy', params: { bucket: 'b' } }, idleSeconds: 'soon' },
        'idleSeconds: must be a whole number, got the string "soon"',
      ],
      [
        { queueUrl: queue.url, action: { name: 's3-copy', params: { bucket: 'b' } }, deleteSource: 'yes' },
        'deleteSource: must be true or false, got the string "yes"',
      ],
    ];
    for (const [input, cause] of cases) {
      const { outcome } = await runConsume(input as Record<string, unknown>);
      assert.deepEqual(outcome, { ok: false, error: 'Consume.InvalidInput', cause }, JSON.stringify(input));
    }
    const missing = `${queue.url}-gone`;
    const { outcome } = await runConsume({
      queueUrl: missing,
      action: { name: 's3-copy', params: { bucket: 'b' } },
      idleSeconds: 1,
    });
    assert.deepEqual(outcome, { ok: false, error: 'Consume.QueueNotFound', cause: `queue ${missing} does not exist` });
  });
});

test.after(() => {
  clients.s3.destroy();
  clients.sqs.destroy();
  clients.sfn.destroy();
});
