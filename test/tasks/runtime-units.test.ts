// Unit tests of the runtime's and tasks' pure parts: envelopes, slots, message bodies, day-file merging, and the
// batch publisher's retry of failed entries (SQS cannot be made to fail single entries on demand, so a stub
// answers here; everything else is proven against LocalStack in the other files).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { mergeLines } from '../../tasks/action/daily-merge/merge-day-file.ts';
import { eventDay } from '../../tasks/action/daily-merge/event-line.ts';
import { parseObjectMessage } from '../../tasks/consume/message-body.ts';
import { BatchPublisher } from '../../tasks/list-and-publish/batch-publisher.ts';
import { objectMessageBody } from '../../tasks/list-and-publish/message-body.ts';
import { createLogger } from '../../src/aws/index.ts';
import { readActivityInput, readQueueBody } from '../../tasks/runtime/envelope.ts';
import { Slots } from '../../tasks/runtime/slots.ts';
import { handBack } from '../../tasks/runtime/sqs-intake/hand-back.ts';
import { TaskError, toTaskFailure } from '../../tasks/runtime/task-error.ts';
import { quietLogger } from '../support/tasks/aws.ts';

describe('dispatch envelope', () => {
  test('activity input: the envelope, or a bare input', () => {
    assert.deepEqual(readActivityInput('{"input":{"a":1},"execution":"arn:x","state":"S"}'), {
      input: { a: 1 },
      execution: 'arn:x',
      state: 'S',
    });
    assert.deepEqual(readActivityInput('{"a":1}'), { input: { a: 1 }, execution: undefined, state: undefined });
    assert.throws(() => readActivityInput('{oops'), /^EnvelopeError: activity input is not JSON/);
  });

  test('queue body: needs a taskToken and an input', () => {
    assert.deepEqual(readQueueBody('{"input":[1],"execution":"e","state":"s","taskToken":"t"}'), {
      input: [1],
      execution: 'e',
      state: 's',
      taskToken: 't',
    });
    assert.throws(() => readQueueBody('{"input":1}'), { message: 'envelope field "taskToken" is missing' });
    assert.throws(() => readQueueBody('{"taskToken":"t"}'), { message: 'envelope field "input" is missing' });
    assert.throws(() => readQueueBody('[1]'), {
      message: 'message body must be a JSON object (the dispatch envelope)',
    });
    assert.throws(() => readQueueBody('{"input":1,"taskToken":5}'), {
      message: 'envelope field "taskToken" must be a string',
    });
  });

  test('failures: named errors pass through, anything else is <Prefix>.Internal, both cut to Step Functions limits', () => {
    assert.deepEqual(toTaskFailure('Consume', new TaskError('Consume.QueueNotFound', 'q')), {
      error: 'Consume.QueueNotFound',
      cause: 'q',
    });
    assert.deepEqual(toTaskFailure('Consume', new RangeError('bad')), {
      error: 'Consume.Internal',
      cause: 'RangeError: bad',
    });
    assert.equal(toTaskFailure('X', new TaskError('X.Y', 'c'.repeat(40_000))).cause.length, 32_768);
  });
});

describe('slots', () => {
  test('acquire waits for a release; an aborted wait rejects and takes nothing', async () => {
    const slots = new Slots(2);
    await slots.acquire();
    assert.equal(slots.tryAcquire(5), 1);
    let granted = false;
    const waiting = slots.acquire().then(() => (granted = true));
    const stop = new AbortController();
    const abandoned = slots.acquire(stop.signal);
    stop.abort(new Error('stop'));
    await assert.rejects(abandoned, { message: 'stop' });
    assert.equal(granted, false);
    slots.release();
    await waiting;
    assert.equal(granted, true);
    slots.release(2);
    assert.equal(slots.available, 2);
  });
});

describe('message bodies', () => {
  test('published bodies are json.dumps-shaped and survive any key', () => {
    assert.equal(
      objectMessageBody('b', { Key: 'a "q"\\ ü\u0001\uffff' }, []),
      '{"bucket": "b", "key": "a \\"q\\"\\\\ ü\\u0001\\uffff"}',
    );
    assert.equal(JSON.parse(objectMessageBody('b', { Key: 'x\uffff' }, [])).key, 'x\uffff');
    assert.equal(
      objectMessageBody('b', { Key: 'k', Size: 3, ETag: '"abc"' }, ['size', 'etag']),
      '{"bucket": "b", "key": "k", "size": 3, "etag": "abc"}',
    );
  });

  test('consume bodies: {bucket,key}, legacy {name,path}, or the field at fault', () => {
    assert.deepEqual(parseObjectMessage('{"bucket":"b","key":"k","size":1}', undefined), {
      ok: true,
      item: { bucket: 'b', key: 'k' },
    });
    assert.deepEqual(parseObjectMessage('{"name":"n.txt","path":"/x"}', 'legacy'), {
      ok: true,
      item: { bucket: 'legacy', key: 'n.txt' },
    });
    assert.deepEqual(parseObjectMessage('{"name":"n.txt","path":"/x"}', undefined), {
      ok: false,
      field: 'name',
      reason: 'a legacy {name, path} body needs the consume input "legacyBucket"',
    });
    assert.deepEqual(parseObjectMessage('{"bucket":"b","key":""}', undefined), {
      ok: false,
      field: 'key',
      reason: 'must be a non-empty string, got the string ""',
    });
    assert.equal(parseObjectMessage(undefined, undefined).ok, false);
  });
});

describe('daily-merge pieces', () => {
  test('the event date: ISO strings, epoch seconds and milliseconds, in UTC', () => {
    assert.equal(eventDay('2026-03-01T23:59:59-02:00'), '20260302');
    assert.equal(eventDay(1_772_409_600), '20260302');
    assert.equal(eventDay(1_772_409_600_000), '20260302');
    assert.equal(eventDay('yesterday'), undefined);
    assert.equal(eventDay(null), undefined);
  });

  test('merge: sorted, exact duplicates removed, one trailing newline', () => {
    assert.equal(mergeLines('b\na\n', ['c', 'a', 'b']), 'a\nb\nc\n');
    assert.equal(mergeLines('', []), '');
    assert.equal(mergeLines('', ['x']), 'x\n');
  });
});

describe('batch publisher', () => {
  /** Answers each SendMessageBatch from a script: per call, the entry ids to report as failed. */
  function scriptedSqs(failures: Array<Array<{ id: string; senderFault?: boolean }>>) {
    const calls: string[][] = [];
    const sqs = {
      send: async (command: { input: { Entries: Array<{ Id: string; MessageBody: string }> } }) => {
        calls.push(command.input.Entries.map((entry) => entry.MessageBody));
        const failed = failures.shift() ?? [];
        return {
          Successful: [],
          Failed: failed.map(({ id, senderFault }) => ({
            Id: id,
            Code: 'InternalError',
            Message: 'try again',
            SenderFault: senderFault ?? false,
          })),
        };
      },
    } as unknown as SQSClient;
    return { sqs, calls };
  }
  const messages = (count: number) =>
    Array.from({ length: count }, (_, index) => ({ body: `m${index}`, label: `k${index}` }));

  test('resends only the entries a batch reported as failed, and counts what SQS accepted', async () => {
    const { sqs, calls } = scriptedSqs([[{ id: '3' }, { id: '7' }], [{ id: '1' }], []]);
    const publisher = new BatchPublisher(
      sqs,
      'http://q',
      { inFlight: 1, baseDelayMs: 1 },
      new AbortController().signal,
      quietLogger,
    );
    await publisher.add(messages(10));
    assert.equal(await publisher.finish(), 10);
    assert.deepEqual(calls, [messages(10).map((message) => message.body), ['m3', 'm7'], ['m7']]);
  });

  test('a sender fault is not retried and fails naming the key; endless failures stop after the retry limit', async () => {
    const sender = scriptedSqs([[{ id: '2', senderFault: true }]]);
    const failing = new BatchPublisher(
      sender.sqs,
      'http://q',
      { inFlight: 1, baseDelayMs: 1 },
      new AbortController().signal,
      quietLogger,
    );
    await failing.add(messages(4));
    await assert.rejects(failing.finish(), {
      error: 'ListAndPublish.PublishFailed',
      cause: 'SQS refused the message for key "k2": InternalError try again',
    });
    assert.equal(sender.calls.length, 1);

    const flaky = scriptedSqs(Array.from({ length: 10 }, () => [{ id: '0' }]));
    const giving = new BatchPublisher(
      flaky.sqs,
      'http://q',
      { inFlight: 1, retries: 2, baseDelayMs: 1 },
      new AbortController().signal,
      quietLogger,
    );
    await giving.add(messages(1));
    await assert.rejects(giving.finish(), {
      error: 'ListAndPublish.PublishFailed',
      cause: 'SQS refused the message for key "k0": InternalError try again (after 3 attempts)',
    });
    assert.equal(flaky.calls.length, 3);
  });
});

describe('hand back', () => {
  // SQS cannot be made to refuse one entry of a ChangeMessageVisibilityBatch on demand: a stub answers here; the
  // hand-back itself is proven against LocalStack (sqs-intake, stopped-worker-poll).
  test('logs one line per message: handed back, or refused with the reason (late, not lost)', async () => {
    const sqs = {
      send: async () => ({
        Failed: [{ Id: '1', Code: 'ReceiptHandleIsInvalid', Message: 'expired', SenderFault: true }],
      }),
    } as unknown as SQSClient;
    const lines: string[] = [];
    const logger = createLogger({ pretty: false, level: 'info', write: (line) => lines.push(line) });
    const messages = [
      { MessageId: 'a', ReceiptHandle: 'ra' },
      { MessageId: 'b', ReceiptHandle: 'rb' },
    ];
    await handBack(sqs, 'http://q', messages, logger, new AbortController().signal);
    const logged = lines.map((line) => JSON.parse(line) as { level: string; messageId: string; error?: string });
    assert.deepEqual(
      logged.map(({ level, messageId, error }) => [level, messageId, error]),
      [
        ['info', 'a', undefined],
        ['warn', 'b', 'expired'],
      ],
    );
  });

  test('a failed call leaves every message to its visibility timeout, with a warning each, and does not throw', async () => {
    const sqs = { send: async () => Promise.reject(new Error('connection reset')) } as unknown as SQSClient;
    const lines: string[] = [];
    const logger = createLogger({ pretty: false, level: 'info', write: (line) => lines.push(line) });
    await handBack(sqs, 'http://q', [{ MessageId: 'a', ReceiptHandle: 'ra' }], logger, new AbortController().signal);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /"level":"warn".*could not be handed back.*connection reset/);
  });
});
