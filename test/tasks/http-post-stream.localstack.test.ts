// http-post streams the object: a 64 MiB object in LocalStack reaches a local receiver byte for byte, with a
// Content-Length, while the worker's memory grows by far less than the object.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '../../src/aws/index.ts';
import { actionTask } from '../../tasks/action/index.ts';
import { executeTask } from '../../tasks/runtime/execute-task.ts';
import { clients, createBucket, directContext, putObjects } from '../support/tasks/aws.ts';
import {
  deterministicObject,
  MiB,
  readStreamedForm,
  type StreamedUpload,
  streamingReceiver,
} from '../support/tasks/streamed-form.ts';

after(() => {
  for (const client of [clients.s3, clients.sqs, clients.sfn]) client.destroy();
});

// Streaming leaves many short-lived buffers behind; a collection before each sample measures what is really held.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The most rss and arrayBuffers held (after a collection) while `work` runs, above what they were before it. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; rss: number; arrayBuffers: number }> {
  collectGarbage();
  const before = process.memoryUsage();
  let rss = 0;
  let arrayBuffers = 0;
  const sample = () => {
    collectGarbage();
    // Twice: the first collection can leave freed buffers' memory to a sweeper that runs after it.
    collectGarbage();
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss - before.rss);
    arrayBuffers = Math.max(arrayBuffers, now.arrayBuffers - before.arrayBuffers);
  };
  const timer = setInterval(sample, 50);
  try {
    const result = await work();
    sample();
    return { result, rss, arrayBuffers };
  } finally {
    clearInterval(timer);
  }
}

describe('action: http-post streams the object', () => {
  test('64 MiB: every byte arrives (sha256), with the Content-Length, and memory grows far less than the object', async () => {
    const size = 64 * MiB;
    const object = deterministicObject(size);
    const bucket = await createBucket();
    const key = 'builds/run 9/artefact.bin';
    await clients.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: object.stream(), ContentLength: size }),
    );
    const receiver = await streamingReceiver();
    try {
      const input = {
        action: { name: 'http-post', params: { url: receiver.url, fields: { project: 'p1' } } },
        item: { bucket, key },
      };
      const {
        result: outcome,
        rss,
        arrayBuffers,
      } = await peakGrowth(() => executeTask(actionTask, input, directContext()));
      assert.deepEqual(outcome, {
        ok: true,
        output: { action: 'http-post', item: { bucket, key }, result: { status: 200 } },
      });
      const [upload] = receiver.uploads;
      assert.equal(receiver.uploads.length, 1);
      assert.equal(upload!.fileBytes, size);
      assert.equal(upload!.fileSha256, object.sha256, 'every byte of the object arrived, in order');
      assert.ok(upload!.tailOk, 'the body ends with the closing boundary');
      assert.match(upload!.head, /Content-Disposition: form-data; name="project"\r\n\r\np1\r\n/);
      assert.match(
        upload!.head,
        /Content-Disposition: form-data; name="file"; filename="artefact.bin"\r\nContent-Type: application\/octet-stream\r\n\r\n$/,
      );
      assert.equal(upload!.contentLength, String(upload!.received), 'a Content-Length, and the right one');
      assert.equal(upload!.transferEncoding, undefined, 'not chunked');
      // A buffering implementation holds the whole object (64 MiB) at least once; streaming stays near its buffers.
      assert.ok(arrayBuffers < size / 2, `arrayBuffers grew by ${(arrayBuffers / MiB).toFixed(1)} MiB`);
      assert.ok(rss < size / 2, `rss grew by ${(rss / MiB).toFixed(1)} MiB`);
      process.stderr.write(
        `http-post 64 MiB: peak growth rss ${(rss / MiB).toFixed(1)} MiB, arrayBuffers ${(arrayBuffers / MiB).toFixed(1)} MiB\n`,
      );
    } finally {
      await receiver.close();
    }
  });

  test('a receiver that answers before the body is sent is the answer (413), and the rest is not sent', async () => {
    const bucket = await createBucket();
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'big.bin',
        Body: deterministicObject(8 * MiB).stream(),
        ContentLength: 8 * MiB,
      }),
    );
    // As a proxy with a body limit does: it answers at once and drains (does not store) the body a while (a lingering
    // close), so the client sees the answer rather than a reset.
    let drained = 0;
    const server = createServer((request, response) => {
      request.on('data', (chunk: Buffer) => (drained += chunk.length));
      response.writeHead(413).end('too large');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/import`;
    try {
      const outcome = await executeTask(
        actionTask,
        { action: { name: 'http-post', params: { url } }, item: { bucket, key: 'big.bin' } },
        directContext(),
      );
      assert.deepEqual(outcome, {
        ok: false,
        error: 'Action.HttpStatus',
        cause: `POST ${url} for s3://${bucket}/big.bin answered 413 Payload Too Large: too large`,
      });
      assert.ok(drained < 8 * MiB, `the rest of the body was not sent after the answer (${drained} bytes arrived)`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('an unreachable receiver and a timeout are Action.HttpUnreachable; the task signal aborts the upload', async () => {
    const bucket = await createBucket();
    await putObjects(bucket, [{ key: 'small.txt', body: 'hello' }]);
    const closed = await streamingReceiver();
    await closed.close();
    const unreachable = await executeTask(
      actionTask,
      { action: { name: 'http-post', params: { url: closed.url } }, item: { bucket, key: 'small.txt' } },
      directContext(),
    );
    assert.equal(unreachable.ok, false);
    assert.equal(unreachable.ok ? '' : unreachable.error, 'Action.HttpUnreachable');
    assert.match(
      unreachable.ok ? '' : unreachable.cause,
      new RegExp(`^POST ${closed.url} for s3://${bucket}/small.txt failed: .*ECONNREFUSED`),
    );

    // A receiver that never answers: the timeout (1 s) ends the POST, and a cancelled task ends it at once.
    const hanging = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/import`;
    try {
      const timedOut = await executeTask(
        actionTask,
        { action: { name: 'http-post', params: { url, timeoutSeconds: 1 } }, item: { bucket, key: 'small.txt' } },
        directContext(),
      );
      assert.deepEqual(timedOut, {
        ok: false,
        error: 'Action.HttpUnreachable',
        cause: `POST ${url} for s3://${bucket}/small.txt failed: The operation was aborted due to timeout`,
      });
      const controller = new AbortController();
      const running = executeTask(
        actionTask,
        { action: { name: 'http-post', params: { url } }, item: { bucket, key: 'small.txt' } },
        directContext({ signal: controller.signal }),
      );
      setTimeout(() => controller.abort(new Error('worker shutting down')), 200);
      assert.deepEqual(await running, {
        ok: false,
        error: 'Action.HttpUnreachable',
        cause: `POST ${url} for s3://${bucket}/small.txt failed: worker shutting down`,
      });
    } finally {
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });

  test('an S3 read that breaks off or ends short aborts the POST and names the object (not the receiver)', async () => {
    // A rare path: S3 cutting a body mid-stream. An S3 client whose GetObject hands out such a body stands in for it.
    const cut = (size: number, sent: number, failure: Error | undefined) => {
      const s3 = createS3Client();
      s3.middlewareStack.add(
        () => async () => {
          const body = new Readable({ read() {} });
          body.push(Buffer.alloc(sent, 1));
          setTimeout(() => (failure ? body.destroy(failure) : body.push(null)), 50);
          return { output: { Body: body, ContentLength: size, $metadata: {} }, response: {} };
        },
        { step: 'initialize', name: 'cutBody' },
      );
      return { ...clients, s3 };
    };
    const receiver = await streamingReceiver();
    try {
      const input = {
        action: { name: 'http-post', params: { url: receiver.url } },
        item: { bucket: 'b', key: 'dir/cut.bin' },
      };
      const reset = await executeTask(
        actionTask,
        input,
        directContext({ clients: cut(2 * MiB, MiB, new Error('socket hang up')) }),
      );
      assert.deepEqual(reset, {
        ok: false,
        error: 'Action.Internal',
        cause: `ObjectReadError: reading s3://b/dir/cut.bin broke off after ${MiB} bytes: socket hang up`,
      });
      const short = await executeTask(actionTask, input, directContext({ clients: cut(2 * MiB, MiB, undefined) }));
      assert.deepEqual(short, {
        ok: false,
        error: 'Action.Internal',
        cause: `ObjectReadError: s3://b/dir/cut.bin gave ${MiB} bytes, S3 announced ${2 * MiB}`,
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(receiver.uploads.length, 0, 'no upload was completed');
      assert.equal(receiver.broken(), 2, 'both were broken off');
    } finally {
      await receiver.close();
    }
  });

  test('a 307/308 is followed with the whole object sent again; a 302 fails naming its Location', async () => {
    const size = 3 * MiB;
    const object = deterministicObject(size);
    const bucket = await createBucket();
    await clients.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'moved.bin', Body: object.stream(), ContentLength: size }),
    );
    const stored: StreamedUpload[] = [];
    const server = createServer(async (request, response) => {
      const redirect = { '/old': [307, '/older'], '/older': [308, '/new'], '/gone': [302, '/new'] }[
        request.url ?? ''
      ] as [number, string] | undefined;
      if (redirect) {
        request.resume();
        response.writeHead(redirect[0], { location: redirect[1] }).end('moved');
        return;
      }
      stored.push(await readStreamedForm(request));
      response.writeHead(201).end('stored');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const moved = await executeTask(
        actionTask,
        { action: { name: 'http-post', params: { url: `${base}/old` } }, item: { bucket, key: 'moved.bin' } },
        directContext(),
      );
      assert.deepEqual(moved, {
        ok: true,
        output: {
          action: 'http-post',
          item: { bucket, key: 'moved.bin' },
          result: { status: 201, url: `${base}/new` },
        },
      });
      assert.equal(stored.length, 1);
      assert.equal(stored[0]!.fileSha256, object.sha256, 'the object was read again and sent whole');
      const gone = await executeTask(
        actionTask,
        { action: { name: 'http-post', params: { url: `${base}/gone` } }, item: { bucket, key: 'moved.bin' } },
        directContext(),
      );
      assert.deepEqual(gone, {
        ok: false,
        error: 'Action.HttpStatus',
        cause: `POST ${base}/gone for s3://${bucket}/moved.bin answered 302 Found (Location: /new): moved`,
      });
      assert.equal(stored.length, 1, 'a 302 is not followed');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
