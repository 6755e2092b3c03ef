// The task-container fakes run the real task code in-process: a workflow that lists a bucket into a queue
// (list-and-publish) and drains it with an action (consume) succeeds with the objects copied and the queue empty,
// on the run's in-memory S3 and an in-memory SQS; a task's own failure reaches the workflow by its name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryS3, runWorkflow } from '../../src/testing/index.ts';
import { MemorySqs, taskContainerFakes } from '../../src/testing/task-containers/index.ts';
import { copyObjects } from '../support/testing/copy-objects.ts';

const QUEUE = 'http://sqs.local/000000000000/objects';

describe('task-container fakes (in-memory S3 and SQS)', () => {
  for (const dispatch of ['queue', 'activity'] as const) {
    it(`list-and-publish + consume run the real tasks to SUCCEEDED (${dispatch} dispatch)`, async () => {
      const s3 = new MemoryS3({ 'photos/a.jpg': 'A', 'photos/b/c.jpg': 'CC', 'copies/': '' });
      const sqs = new MemorySqs([QUEUE]);
      const run = await runWorkflow(
        copyObjects(dispatch),
        { bucket: 'photos', queueUrl: QUEUE, destination: 'copies' },
        { s3, tasks: taskContainerFakes({ s3, sqs }) },
      );
      assert.equal(run.status, 'SUCCEEDED', run.cause);
      const output = run.output as { listed: Record<string, unknown>; consumed: Record<string, unknown> };
      assert.deepEqual(output.listed, { published: 2, queueUrl: QUEUE, firstKey: 'a.jpg', lastKey: 'b/c.jpg' });
      assert.deepEqual(output.consumed, { received: 2, succeeded: 2, failed: 0 });
      assert.deepEqual(
        Object.entries(s3.toRecord()).filter(([path]) => path.startsWith('copies/')),
        [
          ['copies/in/a.jpg', 'A'],
          ['copies/in/b/c.jpg', 'CC'],
        ],
      );
      assert.deepEqual(sqs.bodies(QUEUE), [], 'every message was deleted after its copy');
    });
  }
  it('a task failure reaches the workflow by its name (a missing bucket)', async () => {
    const s3 = new MemoryS3({ 'copies/': '' });
    const sqs = new MemorySqs([QUEUE]);
    const run = await runWorkflow(
      copyObjects('queue'),
      { bucket: 'nowhere', queueUrl: QUEUE, destination: 'copies' },
      { s3, tasks: taskContainerFakes({ s3, sqs }) },
    );
    assert.equal(run.status, 'FAILED');
    assert.match(run.error ?? '', /^ListAndPublish\./);
    assert.equal(run.steps.find((step) => step.name === 'ListObjects')?.status, 'failed');
  });
});
