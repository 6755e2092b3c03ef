// The task runtime on Node, Bun and Deno against LocalStack: `stepforge run` and a `stepforge worker` serving an
// activity until SIGTERM, under each runtime.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { clients, createActivity, createBucket, createQueue, drainQueue, putObjects } from '../support/tasks/aws.ts';
import { projectRoot, startProcess } from '../support/tasks/processes.ts';
import { activityTask, createStateMachine, executionResult } from '../support/tasks/sfn.ts';

const ENTRY = 'test/tasks/fixtures/cli-entry.ts';
const RUNTIMES: Record<string, readonly string[]> = {
  node: [process.execPath, 'bin/stepforge.mjs'],
  bun: [join(projectRoot, 'node_modules/.bin/bun'), ENTRY],
  deno: [join(projectRoot, 'node_modules/.bin/deno'), 'run', '-A', ENTRY],
};

describe('runtimes', () => {
  for (const [runtime, [command, ...prefix]] of Object.entries(RUNTIMES)) {
    test(`${runtime}: stepforge run list-and-publish prints its output; a failure exits 1 naming the error`, async () => {
      const bucket = await createBucket();
      const queue = await createQueue();
      await putObjects(bucket, [{ key: 'x 1.txt' }, { key: 'ü/2.txt' }]);
      const input = JSON.stringify({ bucket, queueUrl: queue.url });
      const ok = spawnSync(command!, [...prefix, 'run', 'list-and-publish', '--input', input], {
        cwd: projectRoot,
        encoding: 'utf8',
        env: { ...process.env, NODE_NO_WARNINGS: '1' },
      });
      assert.equal(ok.status, 0, ok.stderr);
      assert.deepEqual(JSON.parse(ok.stdout), {
        published: 2,
        queueUrl: queue.url,
        firstKey: 'x 1.txt',
        lastKey: 'ü/2.txt',
      });
      assert.deepEqual((await drainQueue(queue.url, 1)).map((message) => message.Body).sort(), [
        `{"bucket": "${bucket}", "key": "x 1.txt"}`,
        `{"bucket": "${bucket}", "key": "ü/2.txt"}`,
      ]);
      const failed = spawnSync(
        command!,
        [
          ...prefix,
          'run',
          'list-and-publish',
          '--input',
          JSON.stringify({ bucket: 'no-such-bucket-rt', queueUrl: queue.url }),
        ],
        { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1' } },
      );
      assert.equal(failed.status, 1);
      assert.match(
        failed.stderr,
        /stepforge run list-and-publish: ListAndPublish\.BucketNotFound: bucket "no-such-bucket-rt" does not exist\n$/,
      );
    });

    test(`${runtime}: stepforge worker serves an activity, then exits 0 on SIGTERM`, async () => {
      const activityArn = await createActivity(`sf-rt-${runtime}`);
      const stateMachine = await createStateMachine(activityTask(activityArn));
      const source = await createBucket();
      const target = await createBucket();
      await putObjects(source, [{ key: 'in.txt' }]);
      const worker = startProcess(command!, [
        ...prefix,
        'worker',
        'action',
        '--dispatch',
        'activity',
        '--activity-arn',
        activityArn,
        '--grace-seconds',
        '1',
      ]);
      try {
        await worker.waitForOutput(/"msg":"worker started"/);
        const result = await executionResult(stateMachine, {
          action: { name: 's3-copy', params: { bucket: target } },
          item: { bucket: source, key: 'in.txt' },
        });
        assert.equal(result.status, 'SUCCEEDED');
        const copied = await clients.s3.send(new ListObjectsV2Command({ Bucket: target }));
        assert.deepEqual(
          copied.Contents?.map((object) => object.Key),
          ['in.txt'],
        );
        assert.match(worker.output(), /"msg":"task succeeded".*"outcome":"success"/);
      } finally {
        worker.kill('SIGTERM');
      }
      assert.equal(await worker.exited, 0);
      assert.match(worker.output(), /"msg":"worker stopped"/);
    });
  }
});

test.after(() => {
  clients.s3.destroy();
  clients.sqs.destroy();
  clients.sfn.destroy();
});
