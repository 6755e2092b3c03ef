// list-and-publish against LocalStack: exact message bodies for awkward keys, paging, FIFO dedup, named failures.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAndPublishTask } from '../../tasks/list-and-publish/index.ts';
import { executeTask } from '../../tasks/runtime/execute-task.ts';
import {
  clients,
  createBucket,
  createQueue,
  directContext,
  drainQueue,
  putObjects,
  uniqueName,
} from '../support/tasks/aws.ts';

const longUtf8Key = `k/${'é'.repeat(511)}`; // 2 + 511 * 2 = 1,024 bytes, S3's maximum
const awkwardKeys = [
  'plain',
  'a.jpg',
  'a.png',
  'dir/sub/file with spaces.txt',
  'ünïcødé/日本語 キー.txt',
  'emoji 😀.bin',
  'odd+chars&%20#?=.txt',
  longUtf8Key,
];

/** S3 lists keys in UTF-8 byte order. */
function s3Order(keys: readonly string[]): string[] {
  return [...keys].sort((left, right) => Buffer.compare(Buffer.from(left), Buffer.from(right)));
}

async function publish(input: Record<string, unknown>) {
  return executeTask(listAndPublishTask, input, directContext());
}

describe('list-and-publish', () => {
  test('publishes one exact {"bucket", "key"} body per object, for any key', async () => {
    assert.equal(Buffer.byteLength(longUtf8Key), 1024);
    const bucket = await createBucket();
    const queue = await createQueue();
    await putObjects(
      bucket,
      awkwardKeys.map((key) => ({ key })),
    );
    const outcome = await publish({ bucket, queueUrl: queue.url });
    const ordered = s3Order(awkwardKeys);
    assert.deepEqual(outcome, {
      ok: true,
      output: { published: awkwardKeys.length, queueUrl: queue.url, firstKey: ordered[0], lastKey: ordered.at(-1) },
    });
    const bodies = (await drainQueue(queue.url)).map((message) => message.Body).sort();
    const expected = awkwardKeys
      .map((key) => `{"bucket": ${JSON.stringify(bucket)}, "key": ${JSON.stringify(key)}}`)
      .sort();
    assert.deepEqual(bodies, expected);
  });

  test('lists every page (2,345 objects, page size 1,000) and honours prefix, startAfter, maxObjects and include', async () => {
    const bucket = await createBucket();
    const keys = Array.from({ length: 2345 }, (_, index) => `p/${String(index).padStart(5, '0')}`);
    await putObjects(bucket, [...keys.map((key) => ({ key, body: 'xyz' })), { key: 'other/skip-me' }]);

    const all = await createQueue();
    const everything = await publish({ bucket, queueUrl: all.url, prefix: 'p/' });
    assert.deepEqual(everything, {
      ok: true,
      output: { published: 2345, queueUrl: all.url, firstKey: 'p/00000', lastKey: 'p/02344' },
    });
    const received = await drainQueue(all.url);
    assert.equal(received.length, 2345);
    assert.equal(new Set(received.map((message) => message.Body)).size, 2345);

    const some = await createQueue();
    const partial = await publish({
      bucket,
      queueUrl: some.url,
      prefix: 'p/',
      startAfter: 'p/00999',
      maxObjects: 1001,
      include: ['size', 'etag'],
    });
    assert.deepEqual(partial, {
      ok: true,
      output: { published: 1001, queueUrl: some.url, firstKey: 'p/01000', lastKey: 'p/02000' },
    });
    const bodies = (await drainQueue(some.url)).map((message) => JSON.parse(message.Body!));
    assert.equal(bodies.length, 1001);
    assert.deepEqual(Object.keys(bodies[0]), ['bucket', 'key', 'size', 'etag']);
    assert.equal(bodies[0].size, 3);
    assert.match(bodies[0].etag, /^[0-9a-f]{32}$/);
  });

  test('an empty bucket publishes 0 and succeeds', async () => {
    const bucket = await createBucket();
    const queue = await createQueue();
    assert.deepEqual(await publish({ bucket, queueUrl: queue.url }), {
      ok: true,
      output: { published: 0, queueUrl: queue.url, firstKey: null, lastKey: null },
    });
  });

  test('FIFO: group from input (default the bucket), dedup id sha256(bucket/key), a rerun publishes no duplicate', async () => {
    const bucket = await createBucket();
    const queue = await createQueue('sf-fifo', { fifo: true });
    await putObjects(bucket, [{ key: 'x.txt' }, { key: 'y.txt' }, { key: 'z' }]);
    assert.equal((await publish({ bucket, queueUrl: queue.url })).ok, true);
    assert.equal((await publish({ bucket, queueUrl: queue.url })).ok, true);
    const messages = await drainQueue(queue.url);
    assert.deepEqual(
      messages.map((message) => JSON.parse(message.Body!).key),
      ['x.txt', 'y.txt', 'z'],
    );
    const { createHash } = await import('node:crypto');
    assert.equal(messages[0]!.Attributes!.MessageGroupId, bucket);
    assert.equal(
      messages[0]!.Attributes!.MessageDeduplicationId,
      createHash('sha256').update(`${bucket}/x.txt`).digest('hex'),
    );

    const grouped = await createQueue('sf-fifo', { fifo: true });
    assert.equal((await publish({ bucket, queueUrl: grouped.url, messageGroupId: 'group-7' })).ok, true);
    const groupedMessages = await drainQueue(grouped.url);
    assert.deepEqual(
      groupedMessages.map((message) => message.Attributes!.MessageGroupId),
      ['group-7', 'group-7', 'group-7'],
    );
  });

  test('a missing bucket is ListAndPublish.BucketNotFound, a missing queue ListAndPublish.QueueNotFound', async () => {
    const queue = await createQueue();
    const missingBucket = uniqueName('no-such-bucket');
    assert.deepEqual(await publish({ bucket: missingBucket, queueUrl: queue.url }), {
      ok: false,
      error: 'ListAndPublish.BucketNotFound',
      cause: `bucket "${missingBucket}" does not exist`,
    });
    const bucket = await createBucket();
    await putObjects(bucket, [{ key: 'a' }]);
    const missingQueue = queue.url.replace(/[^/]+$/, uniqueName('no-such-queue'));
    assert.deepEqual(await publish({ bucket, queueUrl: missingQueue }), {
      ok: false,
      error: 'ListAndPublish.QueueNotFound',
      cause: `queue ${missingQueue} does not exist`,
    });
  });

  test('bad inputs are ListAndPublish.InvalidInput naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      ['not an object', 'input: must be a JSON object, got the string "not an object"'],
      [null, 'input: must be a JSON object, got null'],
      [{ queueUrl: 'http://q' }, 'bucket: is required'],
      [{ bucket: 12, queueUrl: 'http://q' }, 'bucket: must be a string, got number 12'],
      [{ bucket: '', queueUrl: 'http://q' }, 'bucket: must not be empty'],
      [{ bucket: 'b' }, 'queueUrl: is required'],
      [{ bucket: 'b', queueUrl: 'not a url' }, 'queueUrl: is not a URL: "not a url"'],
      [
        { bucket: 'b', queueUrl: 'http://q', maxObjects: -1 },
        'maxObjects: must be between 0 and 9007199254740991, got -1',
      ],
      [
        { bucket: 'b', queueUrl: 'http://q', maxObjects: '5' },
        'maxObjects: must be a whole number, got the string "5"',
      ],
      [
        { bucket: 'b', queueUrl: 'http://q', include: ['size', 'owner'] },
        'include[1]: must be one of size, etag, got "owner"',
      ],
      [
        { bucket: 'b', queueUrl: 'http://q', include: 'size' },
        'include: must be a list of strings, got the string "size"',
      ],
      [{ bucket: 'b', queueUrl: 'http://q', prefix: ['x'] }, 'prefix: must be a string, got a list'],
      [
        { bucket: 'b', queueUrl: 'http://q', messageGroupId: 'has space' },
        'messageGroupId: must be 1 to 128 printable ASCII characters without spaces',
      ],
    ];
    for (const [input, cause] of cases) {
      assert.deepEqual(
        await publish(input as Record<string, unknown>),
        { ok: false, error: 'ListAndPublish.InvalidInput', cause },
        JSON.stringify(input),
      );
    }
  });
});

test.after(() => {
  clients.s3.destroy();
  clients.sqs.destroy();
  clients.sfn.destroy();
});
