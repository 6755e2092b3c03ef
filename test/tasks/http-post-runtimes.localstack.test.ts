// http-post's streamed upload under Node, Bun and Deno (`stepforge run action`), over http and https: node:http(s)
// sends the Content-Length with a streamed body on all three, and every byte arrives.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { RUNTIMES, runUnder } from '../runtimes/run-under.ts';
import { clients, createBucket } from '../support/tasks/aws.ts';
import {
  deterministicObject,
  MiB,
  readStreamedForm,
  type StreamedUpload,
  streamingReceiver,
} from '../support/tasks/streamed-form.ts';

const ENTRY = 'test/tasks/fixtures/cli-entry.ts';

describe('http-post on every runtime', () => {
  for (const runtime of RUNTIMES) {
    test(`${runtime}: a 6 MiB object arrives byte for byte, with its Content-Length`, async () => {
      const size = 6 * MiB + 123;
      const object = deterministicObject(size);
      const bucket = await createBucket();
      await clients.s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: 'out/data.bin', Body: object.stream(), ContentLength: size }),
      );
      const receiver = await streamingReceiver();
      try {
        const input = {
          action: { name: 'http-post', params: { url: receiver.url, fields: { runtime } } },
          item: { bucket, key: 'out/data.bin' },
        };
        const run = await runUnder(runtime, ENTRY, {
          args: ['run', 'action', '--input', JSON.stringify(input)],
          env: { NODE_NO_WARNINGS: '1' },
        });
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(JSON.parse(run.stdout), {
          action: 'http-post',
          item: { bucket, key: 'out/data.bin' },
          result: { status: 200 },
        });
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

/** A certificate for 127.0.0.1 that each runtime is told to trust (NODE_EXTRA_CA_CERTS for Node and Bun, DENO_CERT). */
let tls: { dir: string; key: string; cert: string; certFile: string };
before(() => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-https-'));
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { encoding: 'utf8' },
  );
  assert.equal(made.status, 0, made.stderr);
  tls = {
    dir,
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    certFile: join(dir, 'cert.pem'),
  };
});

describe('http-post to an https receiver on every runtime', () => {
  for (const runtime of RUNTIMES) {
    test(`${runtime}: streamed over TLS with its Content-Length`, async () => {
      const size = 2 * MiB + 7;
      const object = deterministicObject(size);
      const bucket = await createBucket();
      await clients.s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: 'tls.bin', Body: object.stream(), ContentLength: size }),
      );
      const uploads: StreamedUpload[] = [];
      const server = createServer({ key: tls.key, cert: tls.cert }, async (request, response) => {
        uploads.push(await readStreamedForm(request));
        response.writeHead(202).end('queued');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/import`;
      try {
        const input = { action: { name: 'http-post', params: { url } }, item: { bucket, key: 'tls.bin' } };
        const run = await runUnder(runtime, ENTRY, {
          args: ['run', 'action', '--input', JSON.stringify(input)],
          env: { NODE_NO_WARNINGS: '1', NODE_EXTRA_CA_CERTS: tls.certFile, DENO_CERT: tls.certFile },
        });
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(JSON.parse(run.stdout).result, { status: 202 });
        assert.equal(uploads[0]?.fileSha256, object.sha256);
        assert.equal(uploads[0]?.contentLength, String(uploads[0]?.received));
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  }
});

after(() => {
  rmSync(tls.dir, { recursive: true, force: true });
  for (const client of [clients.s3, clients.sqs, clients.sfn]) client.destroy();
});
