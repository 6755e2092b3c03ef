// A worker stopped by SIGTERM while its long poll is open, against LocalStack: the poll is let return, and a message
// sent right after the signal (which SQS would hand to a cut poll too, hidden then for its 60 s visibility) is handed
// back to the queue at once instead of being run, so the next consumer gets it within seconds; the worker exits 0.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { clients, createQueue, drainQueue } from '../support/tasks/aws.ts';
import { startWorker } from '../support/tasks/processes.ts';

after(() => {
  clients.s3.destroy();
  clients.sqs.destroy();
  clients.sfn.destroy();
});

test('SIGTERM during a long poll: a message it brings goes back to the queue at once, not run', async () => {
  const queue = await createQueue('sf-stop-poll');
  const worker = startWorker(['zip-archive', '--dispatch', 'queue', '--queue-url', queue.url], {
    ARCHIVE_BASE_URL: 'https://files.example.com',
    S3_SOURCE_BUCKET: 'unused-source',
    S3_DESTINATION_BUCKET: 'unused-destination',
  });
  try {
    // Logged once the intake's first receive is under way.
    await worker.waitForOutput(/"msg":"worker started"/);
    worker.kill('SIGTERM');
    await worker.waitForOutput(/"msg":"stopping: no new work/);
    const body = JSON.stringify({ taskToken: 'never-run', input: { files: [] }, execution: 'e', state: 's' });
    const sent = await clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body }));

    assert.equal(await worker.exited, 0, worker.output());
    assert.match(worker.output(), new RegExp(`"msg":"message received while stopping: handed back.*${sent.MessageId}`));
    assert.doesNotMatch(worker.output(), /"msg":"task /, 'the worker did not run (or refuse) the task');
    // A one-second receive gets it: it was not left invisible for the 60 s the worker's receive gave it.
    const next = await drainQueue(queue.url, 1);
    assert.deepEqual(
      next.map((message) => [message.Body, message.Attributes?.ApproximateReceiveCount]),
      [[body, '2']],
    );
  } finally {
    worker.kill('SIGKILL');
  }
});
