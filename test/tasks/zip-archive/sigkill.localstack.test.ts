// A zip-archive worker killed with SIGKILL mid-zip: the heartbeat timeout fires, the workflow's Retry runs the task on
// a second worker, and exactly one complete archive exists at the end (no orphan, no leftover multipart upload).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { createActivity } from '../../support/tasks/aws.ts';
import { type RunningProcess, startWorker } from '../../support/tasks/processes.ts';
import {
  activityTask,
  createStateMachine,
  history,
  startExecution,
  waitForExecution,
} from '../../support/tasks/sfn.ts';
import {
  createBucket,
  getObject,
  listKeys,
  pendingMultipartUploads,
  putObject,
  testClients,
} from '../../support/zip-archive/localstack.ts';
import { inspectZip } from '../../support/zip-archive/zip-inspect.ts';

const { s3 } = testClients();
const running: RunningProcess[] = [];

after(() => {
  for (const worker of running) worker.kill('SIGKILL');
});

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('zip-archive worker killed mid-zip', () => {
  it('is retried on another worker after the heartbeat timeout and leaves exactly one complete archive', async () => {
    const sourceBucket = await createBucket(s3, 'zipk-src');
    const destinationBucket = await createBucket(s3, 'zipk-dst');
    const bodies = new Map<string, Buffer>();
    await Promise.all(
      Array.from({ length: 24 }, async (_, index) => {
        const body = randomBytes(4 * 1024 * 1024);
        bodies.set(`clip-${index}.bin`, body);
        await putObject(s3, sourceBucket, `clips/clip-${index}.bin`, body);
      }),
    );
    const activityArn = await createActivity('zipk');
    const stateMachineArn = await createStateMachine(
      activityTask(activityArn, {
        heartbeatSeconds: 4,
        // LocalStack reports a missed heartbeat as States.Timeout, AWS as States.HeartbeatTimeout: retry on both.
        retry: [
          {
            ErrorEquals: ['States.HeartbeatTimeout', 'States.Timeout', 'Worker.Shutdown'],
            IntervalSeconds: 1,
            MaxAttempts: 2,
            BackoffRate: 1,
          },
        ],
      }),
      'zipk',
    );
    const env = {
      ARCHIVE_BASE_URL: 'https://files.example.com',
      S3_SOURCE_BUCKET: sourceBucket,
      S3_DESTINATION_BUCKET: destinationBucket,
      // Deflating random bytes at level 9 keeps the zip busy for seconds: a wide window to kill it in.
      ZIP_COMPRESSION_LEVEL: '9',
    };
    const workerArgs = [
      'zip-archive',
      '--dispatch',
      'activity',
      '--activity-arn',
      activityArn,
      '--heartbeat-seconds',
      '1',
    ];

    const first = startWorker(workerArgs, env);
    running.push(first);
    await first.waitForOutput(/worker started/);
    const payload = {
      files: [...bodies.keys()].map((name) => ({ source: `clips/${name}` })),
      metadata: { job: 'sigkill' },
    };
    const executionArn = await startExecution(stateMachineArn, payload);

    await waitFor(
      async () => (await pendingMultipartUploads(s3, destinationBucket)).length > 0,
      60_000,
      'the first upload',
    );
    first.kill('SIGKILL');
    assert.equal(await first.exited, null, 'killed by a signal, not exited');
    assert.deepEqual(await listKeys(s3, destinationBucket), [], 'nothing complete was written by the killed worker');

    const second = startWorker(workerArgs, env);
    running.push(second);
    const described = await waitForExecution(executionArn, 150_000);
    assert.equal(described.status, 'SUCCEEDED', `${described.error}: ${described.cause}`);
    const output = JSON.parse(described.output!);

    const events = await history(executionArn);
    const timedOut = events.filter((event) => event.type === 'ActivityTimedOut');
    assert.equal(timedOut.length, 1);
    assert.match(String(timedOut[0]!.activityTimedOutEventDetails?.error), /^States\.(HeartbeatTimeout|Timeout)$/);
    assert.equal(events.filter((event) => event.type === 'ActivityStarted').length, 2);

    assert.deepEqual(await listKeys(s3, destinationBucket), [output.key], 'exactly one archive');
    assert.deepEqual(await pendingMultipartUploads(s3, destinationBucket), [], 'the killed attempt left no upload');
    const zip = await getObject(s3, destinationBucket, output.key);
    assert.equal(output.size, zip.length);
    assert.equal(output.fileCount, 24);
    const entries = await inspectZip(zip);
    assert.deepEqual(
      entries.map((entry) => entry.name),
      [...bodies.keys()],
    );
    for (const entry of entries) {
      assert.equal(entry.crc32, entry.actualCrc32, `${entry.name} CRC`);
      assert.ok(entry.content.equals(bodies.get(entry.name)!), `${entry.name} content`);
    }
    second.kill('SIGTERM');
    assert.equal(await second.exited, 0);
  });
});
