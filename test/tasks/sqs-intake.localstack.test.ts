// The SQS intake the task containers share, against LocalStack: per-message outcomes (succeeded -> deleted, failed ->
// kept for redelivery), batch handlers, slots as the bound on work in flight, and the two signals that stop it (the
// stop lets a running long poll return and hands back what it brings; the hard stop cuts the poll).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  ChangeMessageVisibilityCommand,
  type Message,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { createLogger, createSqsClient } from '../../src/aws/index.ts';
import { Slots } from '../../tasks/runtime/slots.ts';
import { type MessageOutcome, runSqsIntake, type SqsIntakeOptions } from '../../tasks/runtime/sqs-intake/index.ts';
import { clients, createQueue, drainQueue, quietLogger } from '../support/tasks/aws.ts';

after(() => {
  clients.s3.destroy();
  clients.sqs.destroy();
  clients.sfn.destroy();
});

/** A queue holding `bodies`; with a DLQ, SQS moves a message there when it would deliver it a second time. */
async function queueWith(bodies: readonly string[], withDlq = false): Promise<{ url: string; dlqUrl?: string }> {
  const queue = await createQueue('sf-intake', withDlq ? { dlqMaxReceiveCount: 1 } : {});
  for (let start = 0; start < bodies.length; start += 10) {
    const entries = bodies.slice(start, start + 10).map((MessageBody, index) => ({ Id: String(index), MessageBody }));
    const sent = await clients.sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: entries }));
    assert.equal(sent.Failed?.length ?? 0, 0);
  }
  return queue;
}

function options(queueUrl: string, overrides: Partial<SqsIntakeOptions> = {}): SqsIntakeOptions {
  return {
    sqs: clients.sqs,
    queueUrl,
    logger: quietLogger,
    slots: new Slots(4),
    signal: new AbortController().signal,
    idleSeconds: 1,
    // Visible again at once: what the handler failed is in the queue for the check below.
    retryDelaySeconds: 0,
    ...overrides,
  };
}

/** Resolves once `sqs` sends its first ReceiveMessage: the intake's long poll is under way. */
function firstReceive(sqs: SQSClient): Promise<void> {
  return new Promise((resolve) => {
    sqs.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === 'ReceiveMessageCommand') resolve();
        return next(args);
      },
      { step: 'initialize' },
    );
  });
}

const numbers = (count: number) => Array.from({ length: count }, (_, index) => String(index));

describe('SQS intake', () => {
  test('deletes what succeeded, keeps what failed or threw, and counts each', async () => {
    const { url: queueUrl, dlqUrl } = await queueWith(numbers(23), true);
    let running = 0;
    let mostAtOnce = 0;
    const summary = await runSqsIntake(options(queueUrl), {
      eachMessage: async (message: Message): Promise<MessageOutcome> => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        const value = Number(message.Body);
        if (value === 13) throw new Error('unlucky');
        return value % 5 === 0 ? 'failed' : 'succeeded';
      },
    });
    // 0, 5, 10, 15, 20 failed and 13 threw: six kept; the other seventeen deleted.
    assert.deepEqual(summary, { received: 23, succeeded: 17, failed: 6 });
    assert.ok(mostAtOnce <= 4, `at most one message per slot at once, saw ${mostAtOnce}`);
    // Kept, i.e. delivered again: which with maxReceiveCount 1 means moved to the DLQ.
    const kept = (await drainQueue(dlqUrl!, 1)).map((message) => Number(message.Body)).sort((a, b) => a - b);
    assert.deepEqual(kept, [0, 5, 10, 13, 15, 20]);
    assert.deepEqual(await drainQueue(queueUrl, 1), []);
  });

  test('a batch handler gets whole received batches and answers per message; maxMessages bounds the intake', async () => {
    const { url: queueUrl } = await queueWith(numbers(30));
    const batchSizes: number[] = [];
    const summary = await runSqsIntake(options(queueUrl, { slots: new Slots(1), maxMessages: 25 }), {
      batch: async (messages) => {
        batchSizes.push(messages.length);
        return messages.map((message) => (Number(message.Body) % 2 === 0 ? 'succeeded' : 'failed'));
      },
    });
    assert.equal(summary.received, 25);
    assert.equal(summary.succeeded + summary.failed, 25);
    assert.ok(
      batchSizes.every((size) => size >= 1 && size <= 10),
      batchSizes.join(),
    );
    assert.equal(
      batchSizes.reduce((sum, size) => sum + size, 0),
      25,
    );
    // The five never received and the failed (odd) ones are still there; no even one that was received is.
    const left = await drainQueue(queueUrl, 1);
    assert.equal(left.length, 30 - summary.succeeded);
  });

  test('a stop lets the running long poll return: what it brings is handed back at once, not run', async () => {
    const { url: queueUrl } = await queueWith([]);
    const sqs = createSqsClient();
    const lines: string[] = [];
    const logger = createLogger({ pretty: false, level: 'info', write: (line) => lines.push(line) });
    const stop = new AbortController();
    let ran = 0;
    try {
      const polling = firstReceive(sqs);
      const intake = runSqsIntake(
        options(queueUrl, { sqs, logger, signal: stop.signal, idleSeconds: undefined, waitTimeSeconds: 20 }),
        {
          eachMessage: async () => {
            ran++;
            return 'succeeded';
          },
        },
      );
      await polling;
      stop.abort(new Error('stopping'));
      // Sent after the stop, into the poll that is still open (as SQS would hand it to a cut poll too).
      const sent = await clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'late' }));
      assert.deepEqual(await intake, { received: 0, succeeded: 0, failed: 0 });
      assert.equal(ran, 0);
      assert.ok(
        lines.some((line) => line.includes('handed back') && line.includes(sent.MessageId!)),
        lines.join('\n'),
      );
      // Visible again at once: a one-second receive gets it (its 60 s visibility would hide it otherwise).
      const next = await drainQueue(queueUrl, 1);
      assert.deepEqual(
        next.map((message) => message.Body),
        ['late'],
      );
    } finally {
      sqs.destroy();
    }
  });

  test('the hard stop cuts the long poll at once and settles the work in flight first', async () => {
    const { url: queueUrl } = await queueWith(['slow']);
    const stop = new AbortController();
    let finished = false;
    const started = Date.now();
    const intake = runSqsIntake(
      options(queueUrl, { signal: stop.signal, hardStop: stop.signal, idleSeconds: undefined, waitTimeSeconds: 20 }),
      {
        eachMessage: async () => {
          // Stop while this message is in flight and the other receivers wait on a 20 s long poll.
          stop.abort(new Error('shutting down'));
          await new Promise((resolve) => setTimeout(resolve, 200));
          finished = true;
          return 'succeeded';
        },
      },
    );
    assert.deepEqual(await intake, { received: 1, succeeded: 1, failed: 0 });
    assert.equal(finished, true);
    assert.ok(Date.now() - started < 15_000, 'the 20 s long poll was cut short by the signal');
    assert.deepEqual(await drainQueue(queueUrl, 1), []);
  });

  test('an error fatalError names ends the intake with that error', async () => {
    const queueUrl = `${(await queueWith([])).url}-gone`;
    await assert.rejects(
      runSqsIntake(options(queueUrl, { fatalError: (_error, operation) => new Error(`fatal on ${operation}`) }), {
        eachMessage: async () => 'succeeded',
      }),
      { message: 'fatal on receive' },
    );
  });

  test('a message SQS hands out again while it is worked on runs once and is deleted under its newest handle', async () => {
    const { url: queueUrl } = await queueWith(['only']);
    const warnings: string[] = [];
    const logger = createLogger({ pretty: false, level: 'warn', write: (line) => warnings.push(line) });
    let calls = 0;
    const summary = await runSqsIntake(options(queueUrl, { logger, slots: new Slots(2), waitTimeSeconds: 1 }), {
      eachMessage: async (message: Message): Promise<MessageOutcome> => {
        calls++;
        // As if an extension came too late: the message is visible again while this handler still works on it.
        await clients.sqs.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: queueUrl,
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: 0,
          }),
        );
        const deadline = Date.now() + 15_000;
        while (!warnings.some((line) => line.includes('received again')) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return 'succeeded';
      },
    });
    assert.ok(
      warnings.some((line) => line.includes('received again')),
      'the intake saw the redelivery',
    );
    assert.equal(calls, 1);
    assert.deepEqual(summary, { received: 1, succeeded: 1, failed: 0 });
    assert.deepEqual(await drainQueue(queueUrl), []);
  });
});
