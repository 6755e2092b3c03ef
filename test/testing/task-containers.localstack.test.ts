// The task-container fakes against LocalStack: the same list-and-publish + consume workflow, run in-process, with
// the real task code using the SDK clients from the environment (AWS_ENDPOINT_URL).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DeleteQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { runWorkflow } from '../../src/testing/index.ts';
import { taskContainerFakes } from '../../src/testing/task-containers/index.ts';
import { clients, createBucket, createQueue, putObjects, type TestQueue } from '../support/tasks/aws.ts';
import { copyObjects } from '../support/testing/copy-objects.ts';

describe('task-container fakes on LocalStack', () => {
  let source: string;
  let destination: string;
  let queue: TestQueue;
  before(async () => {
    source = await createBucket('sf-fake-src');
    destination = await createBucket('sf-fake-dst');
    queue = await createQueue('sf-fake');
    await putObjects(source, [{ key: 'a.txt' }, { key: 'b/c.txt' }]);
  });
  after(async () => {
    if (queue) await clients.sqs.send(new DeleteQueueCommand({ QueueUrl: queue.url }));
  });

  it('list-and-publish + consume run the real tasks against LocalStack to SUCCEEDED', async () => {
    const run = await runWorkflow(
      copyObjects('queue'),
      { bucket: source, queueUrl: queue.url, destination },
      { tasks: taskContainerFakes('localstack') },
    );
    assert.equal(run.status, 'SUCCEEDED', run.cause);
    assert.deepEqual(run.output, {
      bucket: source,
      queueUrl: queue.url,
      destination,
      listed: { published: 2, queueUrl: queue.url, firstKey: 'a.txt', lastKey: 'b/c.txt' },
      consumed: { received: 2, succeeded: 2, failed: 0 },
    });
    const copied = await clients.s3.send(new ListObjectsV2Command({ Bucket: destination }));
    assert.deepEqual(
      copied.Contents?.map((object) => object.Key),
      ['in/a.txt', 'in/b/c.txt'],
    );
    const left = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    assert.equal(left.Attributes?.ApproximateNumberOfMessages, '0');
  });
});
