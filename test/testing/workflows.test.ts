// The five example workflows, run in-process with mocked tasks: the path each takes and its output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { artifactPipeline } from '../../workflows/artifact-pipeline.ts';
import { bucketToQueue } from '../../workflows/bucket-to-queue.ts';
import { dailyEvents } from '../../workflows/daily-events.ts';
import { mediaArchive } from '../../workflows/media-archive.ts';
import { showcase } from '../../workflows/showcase.ts';
import { fail, failOn, runWorkflow } from '../../src/testing/index.ts';

describe('showcase', () => {
  const order = {
    orderId: 'o-1',
    priority: 'standard',
    items: [
      { sku: 'a', quantity: 2 },
      { sku: 'b', quantity: 1 },
    ],
  } as const;
  const summary = {
    orderId: 'o-1',
    lineCount: 2,
    stock: { orderId: 'o-1', reserved: true },
    carrier: { carrier: 'local-post' },
  };
  it('standard order, no loyalty record: retried once, caught, batch window, fulfilled', async () => {
    const run = await runWorkflow(showcase, order, {
      tasks: { LoadLoyalty: fail('S3.NoSuchKey', 'The specified key does not exist.') },
    });
    assert.equal(run.status, 'SUCCEEDED');
    assert.deepEqual(run.path, [
      'DescribeLines',
      'DescribeLine',
      'DescribeLine',
      'LoadLoyalty',
      'NoLoyalty',
      'Route',
      'BatchWindow',
      'Fulfil',
      'ReserveStock',
      'CarrierSlot',
      'BookCarrier',
      'Summarise',
      'Done',
    ]);
    assert.equal(run.events.filter((event) => event.type === 'TaskScheduled').length, 2);
    assert.deepEqual(run.output, summary);
  });
  it('express order with a loyalty record: straight to Fulfil; the record is selected into $.loyalty', async () => {
    const run = await runWorkflow(
      { ...showcase.toAsl() },
      { ...order, priority: 'express' },
      {
        tasks: { LoadLoyalty: ({ input }) => ({ Body: `{"for":"${(input as { Key: string }).Key}"}` }) },
      },
    );
    assert.deepEqual(run.path, [
      'DescribeLines',
      'DescribeLine',
      'DescribeLine',
      'LoadLoyalty',
      'Route',
      'Fulfil',
      'ReserveStock',
      'CarrierSlot',
      'BookCarrier',
      'Summarise',
      'Done',
    ]);
    const loadLoyalty = run.steps.find((step) => step.name === 'LoadLoyalty');
    assert.deepEqual((loadLoyalty?.output as { loyalty: unknown } | undefined)?.loyalty, {
      record: '{"for":"loyalty/o-1.json"}',
    });
    assert.deepEqual(run.output, summary);
  });
  it('a loyalty read that succeeds on its last attempt (the retry) is not caught', async () => {
    const run = await runWorkflow(showcase, order, {
      tasks: { LoadLoyalty: failOn(1, { error: 'S3.SlowDown' }, () => ({ Body: 'r' })) },
    });
    assert.ok(!run.path.includes('NoLoyalty'));
    assert.equal(run.status, 'SUCCEEDED');
  });
});

describe('the task-container workflows', () => {
  it('bucket-to-queue publishes through its one task', async () => {
    const run = await runWorkflow(
      bucketToQueue,
      { prefix: 'p/' },
      { tasks: { PublishObjects: () => ({ published: 2, queueUrl: 'q', firstKey: 'a', lastKey: 'b' }) } },
    );
    assert.deepEqual(run.path, ['PublishObjects']);
    assert.deepEqual(run.output, { published: 2, queueUrl: 'q', firstKey: 'a', lastKey: 'b' });
  });
  it('artifact-pipeline lists then posts, keeping both results beside the input', async () => {
    const run = await runWorkflow(
      artifactPipeline,
      { prefix: 'builds/1/', receiverUrl: 'http://r' },
      {
        tasks: {
          ListArtifacts: ({ input }) => ({
            published: 1,
            prefix: (input as { input: { prefix: string } }).input.prefix,
          }),
          PostArtifacts: ({ input }) => ({
            received: 1,
            succeeded: 1,
            failed: 0,
            url: (input as { input: { action: { params: { url: string } } } }).input.action.params.url,
          }),
        },
      },
    );
    assert.deepEqual(run.path, ['ListArtifacts', 'PostArtifacts']);
    assert.deepEqual(run.output, {
      prefix: 'builds/1/',
      receiverUrl: 'http://r',
      listed: { published: 1, prefix: 'builds/1/' },
      posted: { received: 1, succeeded: 1, failed: 0, url: 'http://r' },
    });
  });
  it('daily-events fails with the consume task error when it fails', async () => {
    const run = await runWorkflow(
      dailyEvents,
      { keyPrefix: 'events/' },
      { tasks: { MergeDailyFiles: fail('Consume.QueueNotFound', 'no queue') } },
    );
    assert.deepEqual([run.status, run.error, run.path], ['FAILED', 'Consume.QueueNotFound', ['MergeDailyFiles']]);
  });
  it('media-archive retries ZipArchive.SourceChanged once and succeeds, with a task token in the message', async () => {
    const run = await runWorkflow(
      mediaArchive,
      { files: [{ source: 'a.jpg' }] },
      {
        tasks: {
          ArchiveMedia: failOn(1, { error: 'ZipArchive.SourceChanged' }, ({ input, taskToken }) => ({
            archived: (input as { MessageBody: { input: { files: unknown[] } } }).MessageBody.input.files.length,
            tokenPassed: (input as { MessageBody: { taskToken: string } }).MessageBody.taskToken === taskToken,
          })),
        },
      },
    );
    assert.deepEqual(run.output, { archived: 1, tokenPassed: true });
    assert.equal(run.steps[0]?.attempts, 2);
  });
});
