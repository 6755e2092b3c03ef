// zip-archive behind a real state machine, dispatched both ways (activity and SQS .waitForTaskToken), run by a
// `stepforge worker zip-archive` process: the output and each named failure exactly as Step Functions reports them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createActivity, createQueue as createTaskQueue } from '../../support/tasks/aws.ts';
import { type RunningProcess, startWorker } from '../../support/tasks/processes.ts';
import {
  activityTask,
  createStateMachine,
  executionResult,
  queueTask,
  requireQueueDispatch,
} from '../../support/tasks/sfn.ts';
import { createBucket, getObject, putObject, testClients } from '../../support/zip-archive/localstack.ts';
import { inspectZip } from '../../support/zip-archive/zip-inspect.ts';

type Dispatch = 'activity' | 'queue';
const { s3 } = testClients();
const machines = new Map<Dispatch, string>();
let worker: RunningProcess;
let sourceBucket: string;
let destinationBucket: string;

before(async () => {
  await requireQueueDispatch();
  sourceBucket = await createBucket(s3, 'zipsf-src');
  destinationBucket = await createBucket(s3, 'zipsf-dst');
  await putObject(s3, sourceBucket, 'in/a.txt', 'alpha');
  const activityArn = await createActivity('zipsf');
  const queue = await createTaskQueue('zipsf-tasks');
  machines.set('activity', await createStateMachine(activityTask(activityArn), 'zipsf'));
  machines.set('queue', await createStateMachine(queueTask(queue.url), 'zipsf'));
  worker = startWorker(
    [
      'zip-archive',
      '--dispatch',
      'both',
      '--concurrency',
      '2',
      '--queue-url',
      queue.url,
      '--activity-arn',
      activityArn,
      '--grace-seconds',
      '2',
    ],
    {
      ARCHIVE_BASE_URL: 'https://files.example.com',
      S3_SOURCE_BUCKET: sourceBucket,
      S3_DESTINATION_BUCKET: destinationBucket,
    },
  );
  await worker.waitForOutput(/"msg":"worker started"/);
});

after(async () => {
  worker.kill('SIGTERM');
  assert.equal(await worker.exited, 0, 'the worker exits 0 on SIGTERM');
});

describe('zip-archive behind Step Functions', () => {
  for (const dispatch of ['activity', 'queue'] as const) {
    test(`via ${dispatch}: success, InvalidPayload, SourceNotAllowed, SourceNotFound`, async () => {
      const arn = machines.get(dispatch)!;
      const [success, invalid, notAllowed, notFound] = await Promise.all([
        executionResult(arn, { files: [{ source: 'in/a.txt', destination: 'out' }], metadata: { via: dispatch } }),
        executionResult(arn, { files: [{ source: 'in/a.txt', destination: '../escape' }] }),
        executionResult(arn, { files: [{ source: 's3://not-an-allowed-bucket/a.txt' }] }),
        executionResult(arn, { files: [{ source: 'in/missing.txt' }] }),
      ]);
      assert.equal(success.status, 'SUCCEEDED', JSON.stringify(success));
      const output = success.output as { key: string };
      assert.match(output.key, /^[0-9a-f]{64}\/download-\d{4}-\d{2}-\d{2}\.zip$/);
      const zip = await getObject(s3, destinationBucket, output.key);
      assert.deepEqual(success.output, {
        bucket: destinationBucket,
        key: output.key,
        url: `https://files.example.com/${output.key}`,
        size: zip.length,
        fileCount: 1,
        metadata: { via: dispatch },
      });
      assert.deepEqual(
        (await inspectZip(zip)).map((entry) => [entry.name, entry.content.toString()]),
        [['out/a.txt', 'alpha']],
      );
      assert.deepEqual(invalid, {
        status: 'FAILED',
        error: 'ZipArchive.InvalidPayload',
        cause: 'files[0].destination: "../escape" contains a ".." segment',
      });
      assert.deepEqual(notAllowed, {
        status: 'FAILED',
        error: 'ZipArchive.SourceNotAllowed',
        cause:
          'files[0].source: bucket "not-an-allowed-bucket" is neither S3_SOURCE_BUCKET nor listed in ALLOWED_SOURCE_BUCKETS',
      });
      assert.deepEqual(notFound, {
        status: 'FAILED',
        error: 'ZipArchive.SourceNotFound',
        cause: `files[0].source "in/missing.txt" (s3://${sourceBucket}/in/missing.txt): no such object`,
      });
    });
  }
});
