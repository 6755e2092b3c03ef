// http-post's streamed upload under Node, Bun and Deno (`stepforge run action`): node:http sends the Content-Length
// with a streamed body on all three, and every byte arrives.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { RUNTIMES, runUnder } from '../runtimes/run-under.ts';
import { clients, createBucket } from './helpers/aws.ts';
import { deterministicObject, MiB, streamingReceiver } from './helpers/streamed-form.ts';

const ENTRY = 'test/tasks/fixtures/cli-entry.ts';

describe('http-post on every runtime', () => {
  for (const runtime of RUNTIMES) {
    test(`${runtime}: a 6 MiB object arrives byte for byte, with its Content-Length`, async () => {
      const size = 6 * MiB + 123;
      const object = deterministicObject(size);
      const bucket = await createBucket();
      await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'out/data.bin', Body: object.stream(), ContentLength: size }));
      const receiver = await streamingReceiver();
      try {
        const input = { action: { name: 'http-post', params: { url: receiver.url, fields: { runtime } } }, item: { bucket, key: 'out/data.bin' } };
        const run = await runUnder(runtime, ENTRY, { args: ['run', 'action', '--input', JSON.stringify(input)], env: { NODE_NO_WARNINGS: '1' } });
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(JSON.parse(run.stdout), { action: 'http-post', item: { bucket, key: 'out/data.bin' }, result: { status: 200 } });
        const [upload] = receiver.uploads;
        assert.equal(upload!.fileSha256, object.sha256);
        assert.equal(upload!.fileBytes, size);
        assert.ok(upload!.tailOk);
        assert.match(upload!.head, new RegExp(`name="runtime"\\r\\n\\r\\n${runtime}\\r\\n`));
        assert.equal(upload!.contentLength, String(upload!.received));
        assert.equal(upload!.transferEncoding, undefined);
      } finally {
        await receiver.close();
      }
    });
  }
});

test.after(() => {
  for (const client of [clients.s3, clients.sqs, clients.sfn]) client.destroy();
});
