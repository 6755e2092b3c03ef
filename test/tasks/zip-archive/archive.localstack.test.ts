import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { CreateMultipartUploadCommand, DeleteObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { TaskError } from '../../../tasks/runtime/task-error.ts';
import type { TaskContext } from '../../../tasks/runtime/task.ts';
import { archiveKey } from '../../../tasks/zip-archive/archive-key.ts';
import { uploadArchive } from '../../../tasks/zip-archive/archive-upload.ts';
import {
  createArchive,
  readZipArchiveConfig,
  resolveSources,
  zipArchiveTask,
} from '../../../tasks/zip-archive/index.ts';
import { describeSources } from '../../../tasks/zip-archive/s3-sources.ts';
import { createZipWriter } from '../../../tasks/zip-archive/zip-writer.ts';
import {
  createBucket,
  createQueue,
  getObject,
  listKeys,
  memoryLogger,
  objectExists,
  pendingMultipartUploads,
  putObject,
  receiveAll,
  destroyTestClients,
  testClients,
  uniqueName,
} from '../../support/zip-archive/localstack.ts';
import { dosTime, inspectZip } from '../../support/zip-archive/zip-inspect.ts';

const clients = testClients();
const { s3, sqs } = clients;
after(destroyTestClients);

interface Fixture {
  sourceBucket: string;
  extraBucket: string;
  destinationBucket: string;
  notificationQueue: string;
  env: Record<string, string>;
  objects: Map<string, { body: Buffer; modified: Date }>;
}

let fixture: Fixture;

async function put(bucket: string, key: string, body: Buffer): Promise<void> {
  fixture.objects.set(`${bucket}/${key}`, { body, modified: await putObject(s3, bucket, key, body) });
}

function context(requestId: string, env: Record<string, string> = fixture.env, heartbeats = { count: 0 }): TaskContext {
  return {
    clients,
    logger: memoryLogger().logger,
    signal: new AbortController().signal,
    heartbeat: async () => {
      heartbeats.count++;
    },
    requestId,
    env,
  };
}

async function runTask(raw: unknown, requestId: string, env?: Record<string, string>) {
  return zipArchiveTask.run(zipArchiveTask.parseInput(raw), context(requestId, env));
}

async function expectTaskError(promise: Promise<unknown>, error: string): Promise<string> {
  try {
    await promise;
  } catch (thrown) {
    assert.ok(thrown instanceof TaskError, `expected a TaskError, got ${String(thrown)}`);
    assert.equal(thrown.error, error, thrown.cause);
    return thrown.cause;
  }
  assert.fail(`expected ${error}, the task succeeded`);
}

before(async () => {
  const sourceBucket = await createBucket(s3, 'zip-src');
  const extraBucket = await createBucket(s3, 'zip-extra');
  const destinationBucket = await createBucket(s3, 'zip-dst');
  const notificationQueue = await createQueue(sqs, 'zip-notify');
  fixture = {
    sourceBucket,
    extraBucket,
    destinationBucket,
    notificationQueue,
    objects: new Map(),
    env: {
      ARCHIVE_BASE_URL: 'https://downloads.example.com/archives/',
      SQS_DESTINATION_QUEUE: notificationQueue,
      S3_DESTINATION_BUCKET: destinationBucket,
      S3_SOURCE_BUCKET: sourceBucket,
      ALLOWED_SOURCE_BUCKETS: `${extraBucket}`,
      S3_FILE_PREFIX: 'media',
    },
  };
  await put(sourceBucket, 'media/cat.jpg', randomBytes(300_000));
  await put(sourceBucket, 'other/cat.jpg', randomBytes(1000));
  await put(sourceBucket, 'docs/README', Buffer.from('read me\n'));
  await put(sourceBucket, 'empty.bin', Buffer.alloc(0));
  await put(sourceBucket, 'my photos/été 2024 ☀.jpg', randomBytes(5000));
  await put(extraBucket, 'deep/dir/dog.png', randomBytes(70_000));
  await put(sourceBucket, 'big/first.bin', randomBytes(12 * 1024 * 1024));
  await put(sourceBucket, 'big/second.bin', randomBytes(1024));
});

describe('zip-archive against LocalStack', () => {
  it('zips every source with the contract names, sizes, CRCs, times, then notifies, with the exact output', async () => {
    const payload = {
      files: [
        { source: 'media/cat.jpg' },
        { source: 'other/cat.jpg' },
        { source: `s3://${fixture.extraBucket}/deep/dir/dog.png`, destination: 'pets/best dog.png' },
        { source: 'docs/README', destination: 'docs/' },
        { source: 'empty.bin', destination: 'nested/folder' },
        { source: 'my photos/été 2024 ☀.jpg', destination: 'vacances' },
        { source: 'media/cat.jpg', destination: 'x', ignored: true },
      ],
      metadata: { userId: 42, tags: ['a'] },
      unknownField: 'ignored',
    };
    const expected: Array<[string, string]> = [
      ['cat.jpg', `${fixture.sourceBucket}/media/cat.jpg`],
      ['cat (1).jpg', `${fixture.sourceBucket}/other/cat.jpg`],
      ['pets/best dog.png', `${fixture.extraBucket}/deep/dir/dog.png`],
      ['docs/README', `${fixture.sourceBucket}/docs/README`],
      ['nested/folder/empty.bin', `${fixture.sourceBucket}/empty.bin`],
      ['vacances/été 2024 ☀.jpg', `${fixture.sourceBucket}/my photos/été 2024 ☀.jpg`],
      ['x/cat.jpg', `${fixture.sourceBucket}/media/cat.jpg`],
    ];
    const requestId = uniqueName('request');
    const before = new Date();
    const output = await runTask(payload, requestId);
    const key = archiveKey(requestId, zipArchiveTask.parseInput(payload), 'media', before);
    assert.match(key, /^[0-9a-f]{64}\/media-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = await getObject(s3, fixture.destinationBucket, key);
    assert.deepEqual(output, {
      bucket: fixture.destinationBucket,
      key,
      url: `https://downloads.example.com/archives/${key}`,
      size: zip.length,
      fileCount: 7,
      metadata: { userId: 42, tags: ['a'] },
    });
    assert.deepEqual(Object.keys(output), ['bucket', 'key', 'url', 'size', 'fileCount', 'metadata']);

    const entries = await inspectZip(zip);
    assert.deepEqual(
      entries.map((entry) => entry.name),
      expected.map(([name]) => name),
    );
    for (const [index, [name, object]] of expected.entries()) {
      const entry = entries[index]!;
      const source = fixture.objects.get(object)!;
      assert.equal(entry.method, 0, `${name} is stored`);
      assert.equal(entry.size, source.body.length, `${name} size`);
      assert.equal(entry.crc32, entry.actualCrc32, `${name} CRC`);
      assert.ok(entry.content.equals(source.body), `${name} content`);
      assert.equal(entry.modified.toISOString(), dosTime(source.modified).toISOString(), `${name} time`);
    }

    const notifications = await receiveAll(sqs, fixture.notificationQueue);
    assert.equal(notifications.length, 1);
    assert.equal(
      notifications[0]!.Body,
      JSON.stringify({
        metadata: { userId: 42, tags: ['a'] },
        substitutions: { archiver_URL: `https://downloads.example.com/archives/${key}` },
        archive: { bucket: fixture.destinationBucket, key, size: zip.length, fileCount: 7 },
      }),
    );
  });

  it('deflates entries when ZIP_COMPRESSION_LEVEL is set', async () => {
    const env = { ...fixture.env, ZIP_COMPRESSION_LEVEL: '6' };
    delete (env as Record<string, string | undefined>).SQS_DESTINATION_QUEUE;
    const output = await runTask({ files: [{ source: 'docs/README' }, { source: 'empty.bin' }] }, uniqueName('r'), env);
    const entries = await inspectZip(await getObject(s3, output.bucket, output.key));
    assert.equal(entries[0]!.method, 8);
    assert.equal(entries[0]!.content.toString(), 'read me\n');
    assert.equal(entries[1]!.size, 0);
    assert.equal(output.metadata, null);
  });

  it('a retry after a failed notification overwrites the same key and then notifies once', async () => {
    const requestId = uniqueName('retry');
    const payload = { files: [{ source: 'docs/README' }], metadata: null };
    const missingQueue = `${fixture.notificationQueue}-does-not-exist`;
    await assert.rejects(runTask(payload, requestId, { ...fixture.env, SQS_DESTINATION_QUEUE: missingQueue }));
    const [hex] = archiveKey(requestId, zipArchiveTask.parseInput(payload), 'media', new Date()).split('/');
    const afterFailure = await listKeys(s3, fixture.destinationBucket, `${hex}/`);
    assert.equal(afterFailure.length, 1, 'the upload completed before the notification failed');

    const output = await runTask(payload, requestId);
    assert.deepEqual(await listKeys(s3, fixture.destinationBucket, `${hex}/`), [output.key]);
    assert.equal(afterFailure[0], output.key);
    const notifications = await receiveAll(sqs, fixture.notificationQueue);
    assert.equal(notifications.length, 1);
    assert.equal(JSON.parse(notifications[0]!.Body!).archive.key, output.key);
  });

  it('a retry on a later day overwrites the archive an earlier attempt completed, keeping its key', async () => {
    const requestId = uniqueName('yesterday');
    const payload = { files: [{ source: 'docs/README' }] };
    const folder = archiveKey(requestId, zipArchiveTask.parseInput(payload), 'media', new Date()).split('/')[0]!;
    const earlierKey = `${folder}/media-2020-02-29.zip`;
    await putObject(s3, fixture.destinationBucket, earlierKey, 'an older attempt');
    const output = await runTask(payload, requestId);
    assert.equal(output.key, earlierKey);
    assert.deepEqual(await listKeys(s3, fixture.destinationBucket, `${folder}/`), [earlierKey]);
    const entries = await inspectZip(await getObject(s3, fixture.destinationBucket, earlierKey));
    assert.equal(entries[0]!.content.toString(), 'read me\n');
    await receiveAll(sqs, fixture.notificationQueue);
  });

  it('aborts a multipart upload an earlier, killed attempt left under the same key', async () => {
    const requestId = uniqueName('stale');
    const payload = { files: [{ source: 'docs/README' }] };
    const key = archiveKey(requestId, zipArchiveTask.parseInput(payload), 'media', new Date());
    const stale = await s3.send(new CreateMultipartUploadCommand({ Bucket: fixture.destinationBucket, Key: key }));
    await s3.send(
      new UploadPartCommand({
        Bucket: fixture.destinationBucket,
        Key: key,
        UploadId: stale.UploadId,
        PartNumber: 1,
        Body: 'x',
      }),
    );
    assert.ok((await pendingMultipartUploads(s3, fixture.destinationBucket)).includes(key));
    const output = await runTask(payload, requestId);
    assert.equal(output.key, key);
    assert.equal((await pendingMultipartUploads(s3, fixture.destinationBucket)).includes(key), false);
    await receiveAll(sqs, fixture.notificationQueue);
  });

  it('a missing source is ZipArchive.SourceNotFound naming it: no archive, no upload, no notification', async () => {
    const requestId = uniqueName('missing');
    const payload = { files: [{ source: 'docs/README' }, { source: 'nope/ghost.jpg' }] };
    const cause = await expectTaskError(runTask(payload, requestId), 'ZipArchive.SourceNotFound');
    assert.match(cause, /files\[1\]\.source "nope\/ghost\.jpg"/);
    assert.ok(cause.includes(`s3://${fixture.sourceBucket}/nope/ghost.jpg`), cause);
    const key = archiveKey(requestId, zipArchiveTask.parseInput(payload), 'media', new Date());
    assert.equal(await objectExists(s3, fixture.destinationBucket, key), false);
    assert.deepEqual(await pendingMultipartUploads(s3, fixture.destinationBucket), []);
    assert.deepEqual(await receiveAll(sqs, fixture.notificationQueue), []);
  });

  it('a source that vanishes mid-archive aborts the multipart upload already under way', async () => {
    const config = readZipArchiveConfig(fixture.env);
    const gone = uniqueName('gone');
    await put(fixture.sourceBucket, `${gone}.bin`, randomBytes(1000));
    const payload = zipArchiveTask.parseInput({ files: [{ source: 'big/first.bin' }, { source: `${gone}.bin` }] });
    const entries = await describeSources(s3, resolveSources(payload, config), {
      signal: new AbortController().signal,
    });
    await s3.send(new DeleteObjectCommand({ Bucket: fixture.sourceBucket, Key: `${gone}.bin` }));
    const key = `${uniqueName('partial')}/a.zip`;
    // No prefetch, so the vanished object is opened only after the first 12 MiB went out as parts.
    const writer = createZipWriter(entries, { prefetchEntries: 1 });
    // A client of its own that records every command, to prove the multipart upload had really started.
    const recording = testClients().s3;
    const commands: string[] = [];
    recording.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize' },
    );
    await assert.rejects(
      uploadArchive(writer, {
        s3: recording,
        bucket: fixture.destinationBucket,
        key,
        logger: memoryLogger().logger,
        signal: new AbortController().signal,
        partSize: 5 * 1024 * 1024,
      }),
      (error: unknown) =>
        error instanceof TaskError &&
        error.error === 'ZipArchive.SourceNotFound' &&
        error.cause.includes(`${gone}.bin`),
    );
    assert.ok(commands.includes('CreateMultipartUploadCommand'), commands.join());
    assert.ok(commands.includes('UploadPartCommand'), commands.join());
    assert.ok(commands.includes('AbortMultipartUploadCommand'), commands.join());
    assert.equal(await objectExists(s3, fixture.destinationBucket, key), false);
    assert.deepEqual(await pendingMultipartUploads(s3, fixture.destinationBucket), []);
  });

  it('an upload failure aborts the zip and destroys the open sources', async () => {
    const size = 1024 * 1024 * 1024;
    const opened: Readable[] = [];
    const endless = (): Readable =>
      new Readable({
        read() {
          this.push(Buffer.alloc(1024 * 1024));
        },
      });
    const entries = ['a.bin', 'b.bin'].map((name) => ({
      name,
      size,
      modified: new Date(),
      open: async () => {
        const body = endless();
        opened.push(body);
        return body;
      },
    }));
    const writer = createZipWriter(entries);
    await assert.rejects(
      uploadArchive(writer, {
        s3,
        bucket: uniqueName('no-such-bucket'),
        key: 'a.zip',
        logger: memoryLogger().logger,
        signal: new AbortController().signal,
      }),
      (error: unknown) => (error as { name?: string }).name === 'NoSuchBucket',
    );
    await assert.rejects(writer.done, (error: unknown) => (error as { name?: string }).name === 'NoSuchBucket');
    assert.equal(writer.output.destroyed, true);
    assert.ok(opened.length >= 1);
    assert.ok(
      opened.every((body) => body.destroyed),
      'every opened source body was destroyed',
    );
  });

  it('a size the upload does not confirm is ZipArchive.SizeMismatch and the object is removed', async () => {
    const key = `${uniqueName('mismatch')}/a.zip`;
    const output = Readable.from([Buffer.from('not really a zip')]);
    // A writer that claims one byte more than it streamed: what a cut stream would look like to the check.
    const writer = { output, done: Promise.resolve({ bytes: 17, fileCount: 1, zip64: false }), abort: () => {} };
    await assert.rejects(
      uploadArchive(writer, {
        s3,
        bucket: fixture.destinationBucket,
        key,
        logger: memoryLogger().logger,
        signal: new AbortController().signal,
      }),
      (error: unknown) =>
        error instanceof TaskError &&
        error.error === 'ZipArchive.SizeMismatch' &&
        /holds 16 bytes but the zip wrote 17/.test(error.cause),
    );
    assert.equal(await objectExists(s3, fixture.destinationBucket, key), false);
  });

  it('honours the task signal: cancelled mid-upload, nothing is left behind', async () => {
    const requestId = uniqueName('cancel');
    const payload = { files: [{ source: 'big/first.bin' }, { source: 'big/first.bin' }, { source: 'big/first.bin' }] };
    const key = archiveKey(requestId, zipArchiveTask.parseInput(payload), 'media', new Date());
    const controller = new AbortController();
    const heartbeats = { count: 0, sawUpload: false };
    const running = createArchive(zipArchiveTask.parseInput(payload), {
      clients,
      logger: memoryLogger().logger,
      config: readZipArchiveConfig(fixture.env),
      requestId,
      signal: controller.signal,
      // Each heartbeat looks whether the multipart upload exists yet, and cancels the task once it does.
      heartbeat: async () => {
        heartbeats.count++;
        if (controller.signal.aborted) return;
        if ((await pendingMultipartUploads(s3, fixture.destinationBucket)).includes(key)) {
          heartbeats.sawUpload = true;
          controller.abort();
        }
      },
      heartbeatIntervalMs: 20,
    });
    await assert.rejects(
      running,
      (error: unknown) => error instanceof TaskError && error.error === 'ZipArchive.Cancelled',
    );
    assert.ok(heartbeats.sawUpload, 'cancelled while the multipart upload was under way');
    // lib-storage finishes its own abort in the background after an external abort; give it a moment.
    for (
      let attempt = 0;
      attempt < 50 && (await pendingMultipartUploads(s3, fixture.destinationBucket)).includes(key);
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal((await pendingMultipartUploads(s3, fixture.destinationBucket)).includes(key), false);
    assert.equal(await objectExists(s3, fixture.destinationBucket, key), false);
    assert.deepEqual(await receiveAll(sqs, fixture.notificationQueue), []);
  });

  it('a bucket outside S3_SOURCE_BUCKET and ALLOWED_SOURCE_BUCKETS is ZipArchive.SourceNotAllowed', async () => {
    const cause = await expectTaskError(
      runTask(
        { files: [{ source: 'docs/README' }, { source: 's3://someone-elses-bucket/secret.txt' }] },
        uniqueName('r'),
      ),
      'ZipArchive.SourceNotAllowed',
    );
    assert.match(cause, /^files\[1\]\.source: bucket "someone-elses-bucket"/);
  });

  it('refuses bad payloads before any work, naming the field', async () => {
    assert.throws(() => zipArchiveTask.parseInput({ files: [] }), /files: must contain at least one file/);
    assert.throws(
      () => zipArchiveTask.parseInput('{"files": [{"source": 1}]}'),
      /files\[0\]\.source: must be a string/,
    );
  });
});
