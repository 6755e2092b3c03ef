// The action task and its built-ins against LocalStack: http-post to a real local HTTP server, s3-copy, daily-merge.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '../../src/aws/index.ts';
import { actionTask } from '../../tasks/action/index.ts';
import { dailyMergeAction } from '../../tasks/action/actions/daily-merge.ts';
import { parseDailyMergeParams } from '../../tasks/action/daily-merge/params.ts';
import { executeTask } from '../../tasks/runtime/execute-task.ts';
import { InputReader } from '../../tasks/runtime/input-fields.ts';
import { clients, createBucket, directContext, putObjects, quietLogger } from '../support/tasks/aws.ts';

async function runAction(input: unknown) {
  return executeTask(actionTask, input, directContext());
}

async function readText(bucket: string, key: string): Promise<string> {
  const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return object.Body!.transformToString();
}

interface Received {
  readonly fields: Record<string, string>;
  file: { name: string; bytes: Buffer } | undefined;
}

/** A stand-in for the artifact import service: records each multipart upload, answers `status`. */
async function importService(status: number) {
  const uploads: Received[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = await new Request('http://local/', {
      method: 'POST',
      headers: { 'content-type': request.headers['content-type'] ?? '' },
      body: Buffer.concat(chunks),
    }).formData();
    const received: Received = { fields: {}, file: undefined };
    for (const [name, value] of form) {
      if (typeof value === 'string') received.fields[name] = value;
      else received.file = { name: `${name}:${value.name}`, bytes: Buffer.from(await value.arrayBuffer()) };
    }
    uploads.push(received);
    response.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 400 ? 'boom' : 'ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/import`;
  return { url, uploads, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('action: http-post', () => {
  test('uploads the object as a multipart form with its base name; non-2xx fails naming the status', async () => {
    const bucket = await createBucket();
    const key = 'artifacts/run 7/résultat.xml';
    const content = '<xml>ü</xml>';
    await putObjects(bucket, [{ key, body: content }]);
    const ok = await importService(201);
    try {
      const outcome = await runAction({
        action: { name: 'http-post', params: { url: ok.url, fields: { project: 'p1' } } },
        item: { bucket, key },
      });
      assert.deepEqual(outcome, {
        ok: true,
        output: { action: 'http-post', item: { bucket, key }, result: { status: 201 } },
      });
      assert.equal(ok.uploads.length, 1);
      assert.deepEqual(ok.uploads[0]!.fields, { project: 'p1' });
      assert.equal(ok.uploads[0]!.file!.name, 'file:résultat.xml');
      assert.equal(ok.uploads[0]!.file!.bytes.toString('utf8'), content);
    } finally {
      await ok.close();
    }
    const failing = await importService(500);
    try {
      const outcome = await runAction({
        action: { name: 'http-post', params: { url: failing.url } },
        item: { bucket, key },
      });
      assert.deepEqual(outcome, {
        ok: false,
        error: 'Action.HttpStatus',
        cause: `POST ${failing.url} for s3://${bucket}/${key} answered 500 Internal Server Error: boom`,
      });
      const missing = await runAction({
        action: { name: 'http-post', params: { url: failing.url } },
        item: { bucket, key: 'nope' },
      });
      assert.deepEqual(missing, {
        ok: false,
        error: 'Action.ObjectNotFound',
        cause: `s3://${bucket}/nope does not exist`,
      });
      assert.equal(failing.uploads.length, 1, 'a missing object is not posted');
    } finally {
      await failing.close();
    }
  });
});

describe('action: s3-copy', () => {
  test('copies to another bucket under a prefix; a missing destination bucket is named', async () => {
    const source = await createBucket();
    const target = await createBucket();
    const key = 'dir/with space/ünï.bin';
    await putObjects(source, [{ key, body: 'payload' }]);
    const outcome = await runAction({
      action: { name: 's3-copy', params: { bucket: target, prefix: 'copied/' } },
      item: { bucket: source, key },
    });
    assert.deepEqual(outcome, {
      ok: true,
      output: {
        action: 's3-copy',
        item: { bucket: source, key },
        result: { copiedTo: { bucket: target, key: `copied/${key}` } },
      },
    });
    assert.equal(await readText(target, `copied/${key}`), 'payload');
    const noTarget = await runAction({
      action: { name: 's3-copy', params: { bucket: 'no-such-bucket-x1' } },
      item: { bucket: source, key },
    });
    assert.deepEqual(noTarget, {
      ok: false,
      error: 'Action.DestinationNotFound',
      cause: 'destination bucket "no-such-bucket-x1" does not exist',
    });
  });
});

describe('action: bad inputs', () => {
  test('each is Action.InvalidInput naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [[], 'input: must be a JSON object, got a list'],
      [{ item: { bucket: 'b', key: 'k' } }, 'action: must be a JSON object, got undefined'],
      [
        { action: { name: 'teleport' }, item: { bucket: 'b', key: 'k' } },
        'action.name: no action named "teleport" (known: daily-merge, http-post, s3-copy)',
      ],
      [{ action: { name: 7 }, item: { bucket: 'b', key: 'k' } }, 'action.name: must be a string, got number 7'],
      [{ action: { name: 'http-post' }, item: { bucket: 'b', key: 'k' } }, 'action.params.url: is required'],
      [
        { action: { name: 'http-post', params: { url: 'ftp://x' } }, item: { bucket: 'b', key: 'k' } },
        'action.params.url: must be an http(s) URL, got "ftp://x"',
      ],
      [
        {
          action: { name: 'http-post', params: { url: 'http://x', fields: { a: 1 } } },
          item: { bucket: 'b', key: 'k' },
        },
        'action.params.fields.a: must be a string',
      ],
      [
        { action: { name: 's3-copy', params: 'x' }, item: { bucket: 'b', key: 'k' } },
        'action.params: must be a JSON object, got the string "x"',
      ],
      [
        {
          action: { name: 'daily-merge', params: { bucket: 'b', keep: { colour: ['x'] } } },
          item: { bucket: 'b', key: 'k' },
        },
        'action.params.keep.colour: is not a line field (timestamp, channel, endpoint, event)',
      ],
      [{ action: { name: 's3-copy', params: { bucket: 'b' } }, item: { bucket: 'b' } }, 'item.key: is required'],
      [
        { action: { name: 's3-copy', params: { bucket: 'b' } }, item: 'b/k' },
        'item: must be a JSON object, got the string "b/k"',
      ],
    ];
    for (const [input, cause] of cases) {
      assert.deepEqual(
        await runAction(input),
        { ok: false, error: 'Action.InvalidInput', cause },
        JSON.stringify(input),
      );
    }
  });
});

function snsEnvelope(event: Record<string, unknown>): string {
  return JSON.stringify({
    Type: 'Notification',
    MessageId: crypto.randomUUID(),
    TopicArn: 'arn:aws:sns:us-east-1:000000000000:events',
    Message: JSON.stringify(event),
    Timestamp: '2030-01-01T00:00:00.000Z',
  });
}

function line(timestamp: string, channel: string, endpoint: string, event: string): string {
  return JSON.stringify({ timestamp, channel, endpoint, event });
}

describe('action: daily-merge', () => {
  test('groups by the event date (not the envelope), maps fields, filters, merges with the existing file, reruns without duplicates', async () => {
    const bucket = await createBucket();
    await putObjects(bucket, [
      { key: 'events/prod/20260301', body: `${line('2026-03-01T09:00:00Z', 'web', '/a', 'old')}\n` },
    ]);
    const events = [
      snsEnvelope({ ts: '2026-03-01T10:00:00Z', source: { channel: 'web' }, path: '/x', kind: 'click' }),
      snsEnvelope({ ts: '2026-03-02T00:00:01Z', source: { channel: 'app' }, path: '/y', kind: 'view' }),
      JSON.stringify({ ts: '2026-03-01T08:00:00Z', source: { channel: 'app' }, path: '/z', kind: 'view' }),
      snsEnvelope({ ts: '2026-03-01T11:00:00Z', source: { channel: 'web' }, path: '/x', kind: 'heartbeat' }),
      snsEnvelope({ ts: '2026-03-01T12:00:00Z', source: { channel: 'test' }, path: '/x', kind: 'click' }),
    ];
    await putObjects(bucket, [{ key: 'inbox/batch.jsonl', body: `${events.join('\n')}\n` }]);
    const input = {
      action: {
        name: 'daily-merge',
        params: {
          bucket,
          fields: { timestamp: 'ts', channel: 'source.channel', endpoint: 'path', event: 'kind' },
          keep: { channel: ['web', 'app'] },
          drop: { event: ['heartbeat'] },
        },
      },
      item: { bucket, key: 'inbox/batch.jsonl' },
    };
    const first = await runAction(input);
    assert.deepEqual(first, {
      ok: true,
      output: {
        action: 'daily-merge',
        item: { bucket, key: 'inbox/batch.jsonl' },
        result: { messages: 5, filtered: 2 },
      },
    });
    const day1 = [
      line('2026-03-01T08:00:00Z', 'app', '/z', 'view'),
      line('2026-03-01T09:00:00Z', 'web', '/a', 'old'),
      line('2026-03-01T10:00:00Z', 'web', '/x', 'click'),
    ];
    assert.equal(await readText(bucket, 'events/prod/20260301'), `${day1.join('\n')}\n`);
    assert.equal(
      await readText(bucket, 'events/prod/20260302'),
      `${line('2026-03-02T00:00:01Z', 'app', '/y', 'view')}\n`,
    );
    assert.deepEqual(await runAction(input), first);
    assert.equal(await readText(bucket, 'events/prod/20260301'), `${day1.join('\n')}\n`, 'a rerun adds no duplicate');
  });

  test('an invalid event fails the action naming the line; two concurrent merges of one day lose no line', async () => {
    const bucket = await createBucket();
    await putObjects(bucket, [{ key: 'bad.jsonl', body: '{"timestamp":"yesterday"}\nnot json\n' }]);
    const bad = await runAction({
      action: { name: 'daily-merge', params: { bucket } },
      item: { bucket, key: 'bad.jsonl' },
    });
    assert.equal(bad.ok, false);
    assert.deepEqual(bad.ok ? undefined : [bad.error, bad.cause.replace(/ at position.*$/, '')], [
      'Action.MessagesFailed',
      `2 of 2 messages in s3://${bucket}/bad.jsonl failed: line 1: timestamp: not an ISO-8601 or epoch timestamp ("yesterday"); line 2: body is not JSON: Unexpected token 'o', "not json" is not valid JSON`,
    ]);

    const params = parseDailyMergeParams({ bucket, keyPrefix: 'day/' }, new InputReader('Action', 'action.params'));
    const context = { clients, logger: quietLogger, signal: new AbortController().signal };
    const batch = (worker: number) =>
      Array.from({ length: 30 }, (_, index) => ({
        id: `${worker}-${index}`,
        body: JSON.stringify({
          timestamp: `2026-05-05T10:${String(index).padStart(2, '0')}:00Z`,
          channel: `w${worker}`,
          endpoint: '/e',
          event: 'e',
        }),
      }));
    const verdicts = await Promise.all(
      [1, 2, 3, 4].map((worker) => dailyMergeAction.runBatch(batch(worker), params, context)),
    );
    assert.ok(verdicts.flat().every((verdict) => verdict.status === 'done'));
    const lines = (await readText(bucket, 'day/20260505')).trimEnd().split('\n');
    assert.equal(lines.length, 120, 'every line of the four concurrent merges is kept');
    assert.deepEqual(lines, [...lines].sort());
  });

  test('an S3 error other than 404 when reading the day file fails the day without writing', async () => {
    const bucket = await createBucket();
    const existing = `${line('2026-06-01T00:00:00Z', 'c', '/e', 'kept')}\n`;
    await putObjects(bucket, [{ key: 'events/prod/20260601', body: existing }]);
    // A client whose GetObject answers 503 while PutObject still works: the action must not write over the file.
    const flaky = createS3Client();
    flaky.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'GetObjectCommand') {
          throw Object.assign(new Error('Service Unavailable'), {
            name: 'ServiceUnavailable',
            $metadata: { httpStatusCode: 503 },
          });
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const params = parseDailyMergeParams({ bucket }, new InputReader('Action', 'action.params'));
    const verdicts = await dailyMergeAction.runBatch(
      [
        {
          id: '1',
          body: JSON.stringify({ timestamp: '2026-06-01T05:00:00Z', channel: 'c', endpoint: '/e', event: 'new' }),
        },
      ],
      params,
      { clients: { ...clients, s3: flaky }, logger: quietLogger, signal: new AbortController().signal },
    );
    assert.deepEqual(verdicts, [
      {
        status: 'failed',
        reason: `reading s3://${bucket}/events/prod/20260601 failed, nothing written: ServiceUnavailable: Service Unavailable`,
      },
    ]);
    assert.equal(await readText(bucket, 'events/prod/20260601'), existing);
    // The same S3 answers conditional writes: a stale ETag is refused (412), which is what the merge relies on.
    await assert.rejects(
      clients.s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: 'events/prod/20260601', Body: 'x', IfMatch: '"0000"' }),
      ),
      (error: Error & { $metadata?: { httpStatusCode?: number } }) => error.$metadata?.httpStatusCode === 412,
    );
  });
});

test.after(() => {
  clients.s3.destroy();
  clients.sqs.destroy();
  clients.sfn.destroy();
});
