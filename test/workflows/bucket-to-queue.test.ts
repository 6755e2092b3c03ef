// bucket-to-queue, run in-process with the runner: its one task (a .waitForTaskToken SQS message to the
// list-and-publish container) answered, retried on Worker.Shutdown until its last attempt, and failing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, failOn, runWorkflow } from '../../src/testing/index.ts';
import { bucketToQueue } from '../../workflows/bucket-to-queue.ts';

const published = { published: 2, queueUrl: 'q', firstKey: 'a', lastKey: 'b' };

describe('bucket-to-queue', () => {
  it('sends the prefix and a task token to the container and ends with its answer', async () => {
    const run = await runWorkflow(
      bucketToQueue,
      { prefix: 'p/' },
      {
        tasks: {
          // Typed from the workflow: the container's dispatch envelope in, list-and-publish's output back.
          PublishObjects: ({ input, taskToken }) => {
            assert.ok('MessageBody' in input, 'queue dispatch (the default) sends QueueUrl + MessageBody');
            assert.equal(input.MessageBody.input.prefix, 'p/');
            assert.equal(input.MessageBody.taskToken, taskToken);
            return published;
          },
        },
      },
    );
    assert.deepEqual([run.status, run.path], ['SUCCEEDED', ['PublishObjects']]);
    assert.deepEqual(run.output, published);
  });

  it('Retry: a worker shut down twice is retried, and the last attempt succeeds', async () => {
    const run = await runWorkflow(
      bucketToQueue,
      { prefix: 'p/' },
      { tasks: { PublishObjects: failOn([1, 2], { error: 'Worker.Shutdown' }, () => published) } },
    );
    assert.equal(run.status, 'SUCCEEDED');
    assert.equal(run.steps[0]?.attempts, 3);
  });

  it('an error no Retry names fails the execution with it (there is no Catch)', async () => {
    const run = await runWorkflow(
      bucketToQueue,
      { prefix: 'p/' },
      { tasks: { PublishObjects: fail('ListAndPublish.QueueNotFound', 'no such queue') } },
    );
    assert.deepEqual([run.status, run.error, run.cause], ['FAILED', 'ListAndPublish.QueueNotFound', 'no such queue']);
    assert.equal(run.steps[0]?.attempts, 1);
  });
});
