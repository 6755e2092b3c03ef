// The two ways a task-container step used to never end or end too soon, against LocalStack, with the ASL the DSL
// generates: a worker killed with SIGKILL mid-task (activity and queue dispatch) is noticed by the step's heartbeat and
// the default Retry runs the task on another worker; the stale queue message of the killed attempt is dropped, not
// run again; and a task that works for more than 60 s succeeds under the default TimeoutSeconds/HeartbeatSeconds.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { type ActionStepInput, workflow } from '../../src/dsl/index.ts';
import { mediaArchive } from '../../workflows/media-archive.ts';
import { startDenyProxy, type DenyProxy } from '../support/deny-proxy.ts';
import { clients, createActivity, createBucket, createQueue, uniqueName } from '../support/tasks/aws.ts';
import { type RunningProcess, startProcess, startWorker } from '../support/tasks/processes.ts';
import { history, requireQueueDispatch, startExecution, waitForExecution } from '../support/tasks/sfn.ts';

type Dispatch = 'activity' | 'queue';
const started: RunningProcess[] = [];
let proxy: DenyProxy | undefined;

before(requireQueueDispatch);

after(async () => {
  for (const process of started) process.kill('SIGKILL');
  await proxy?.close();
  clients.s3.destroy();
  clients.sqs.destroy();
  clients.sfn.destroy();
});

/** Creates the workflow's state machine with its placeholders pointing at this test's activity or queue. */
async function createFromDsl(
  flow: { readonly name: string; toAsl(): unknown },
  placeholders: Record<string, string>,
): Promise<string> {
  let definition = JSON.stringify(flow.toAsl());
  for (const [placeholder, value] of Object.entries(placeholders))
    definition = definition.replaceAll(placeholder, value);
  assert.doesNotMatch(definition, /\$\{\w+:/, 'every placeholder replaced');
  const created = await clients.sfn.send(
    new CreateStateMachineCommand({
      name: uniqueName(flow.name),
      roleArn: 'arn:aws:iam::000000000000:role/stepforge-test',
      definition,
    }),
  );
  return created.stateMachineArn!;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function queueIsEmpty(queueUrl: string): Promise<boolean> {
  const { Attributes: counts = {} } = await clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return counts.ApproximateNumberOfMessages === '0' && counts.ApproximateNumberOfMessagesNotVisible === '0';
}

function sleepyWorker(dispatch: Dispatch, target: string, label: string): RunningProcess {
  const worker = startProcess(
    process.execPath,
    ['--import', 'tsx', 'test/tasks/fixtures/sleepy-worker.ts', dispatch, target],
    { WORKER_LABEL: label },
  );
  started.push(worker);
  return worker;
}

// The sleepy fixture stands in for the action: the step passes it the whole execution input.
type SleepyActionInput = ActionStepInput & { readonly slowWorker: string };

describe('worker faults', { concurrency: true }, () => {
  for (const dispatch of ['activity', 'queue'] as const) {
    test(`SIGKILL of the worker mid-task (${dispatch} dispatch): the default Retry runs it on the next worker`, async () => {
      const target = dispatch === 'activity' ? await createActivity('faults') : (await createQueue('faults')).url;
      const flow = workflow<SleepyActionInput>(`faults-${dispatch}`);
      // Only the heartbeat is made short, so the test runs in seconds; the Retry is the generated default.
      flow.action('Work', ({ input }) => ({ input, dispatch, heartbeatSeconds: 3 }));
      const placeholder = dispatch === 'activity' ? '${activity:stepforge-action}' : '${queue:stepforge-action-tasks}';
      const stateMachine = await createFromDsl(flow, { [placeholder]: target });

      const first = sleepyWorker(dispatch, target, 'first');
      await first.waitForOutput(/"msg":"worker started"/);
      const executionArn = await startExecution(stateMachine, { slowWorker: 'first' });
      await first.waitForOutput(/started on first/);
      first.kill('SIGKILL');
      assert.equal(await first.exited, null, 'killed by the signal');
      const second = sleepyWorker(dispatch, target, 'second');

      const described = await waitForExecution(executionArn, 60_000);
      assert.equal(described.status, 'SUCCEEDED', `${described.error}: ${described.cause}`);
      assert.deepEqual(JSON.parse(described.output!), { worker: 'second' });
      const timedOut = (await history(executionArn))
        .map((event) => event.activityTimedOutEventDetails ?? event.taskTimedOutEventDetails)
        .filter((details) => details !== undefined);
      // LocalStack names a missed heartbeat States.Timeout, AWS States.HeartbeatTimeout: the default Retry has both.
      assert.equal(timedOut.length, 1);
      assert.match(String(timedOut[0]!.error), /^States\.(HeartbeatTimeout|Timeout)$/);

      if (dispatch === 'queue') {
        // The killed attempt's message comes back when its visibility timeout ends; its token is dead by then.
        await waitFor(
          'the stale message to be dropped',
          async () => /stale task token: dropped without running the task/.test(second.output()),
          100_000,
        );
        await waitFor('an empty task queue', () => queueIsEmpty(target), 10_000);
        assert.equal(
          (second.output().match(/started on second/g) ?? []).length,
          1,
          'the stale message did not run the task again',
        );
      }
      assert.equal(second.child.exitCode, null, 'the second worker is still running');
      second.kill('SIGTERM');
      assert.equal(await second.exited, 0);
    });
  }

  test(`media-archive whose source takes over a minute to read succeeds under the step's default timeouts`, async () => {
    const sourceBucket = await createBucket('faults-src');
    const destinationBucket = await createBucket('faults-dst');
    const body = randomBytes(64 * 1024);
    await clients.s3.send(new PutObjectCommand({ Bucket: sourceBucket, Key: 'slow.bin', Body: body }));
    const queue = await createQueue('faults-zip');
    // The example itself: it used to set HeartbeatSeconds 120 without TimeoutSeconds, which LocalStack cut at 60 s.
    const stateMachine = await createFromDsl(mediaArchive, { '${queue:stepforge-zip-archive-tasks}': queue.url });

    // 64 KiB at 1 KiB/s: the worker reads its source for about 64 s, every other request goes through at full speed.
    proxy = await startDenyProxy(() => false, {
      slow: (request) => (request.operation === 'GetObject' && request.bucket === sourceBucket ? 1024 : undefined),
    });
    // A short grace: SIGTERM at the end lets the idle worker's long poll run on (up to 20 s) until the grace ends.
    const worker = startWorker(
      ['zip-archive', '--dispatch', 'queue', '--queue-url', queue.url, '--grace-seconds', '2'],
      {
        AWS_ENDPOINT_URL: proxy.endpoint,
        ARCHIVE_BASE_URL: 'https://files.example.com',
        S3_SOURCE_BUCKET: sourceBucket,
        S3_DESTINATION_BUCKET: destinationBucket,
      },
    );
    started.push(worker);
    await worker.waitForOutput(/"msg":"worker started"/);
    const executionArn = await startExecution(stateMachine, { files: [{ source: 'slow.bin' }] });

    const described = await waitForExecution(executionArn, 120_000);
    assert.equal(described.status, 'SUCCEEDED', `${described.error}: ${described.cause}`);
    assert.equal(JSON.parse(described.output!).fileCount, 1);
    const events = await history(executionArn);
    const at = (type: string) => events.find((event) => event.type === type)!.timestamp!.getTime();
    // The premise, not a timing claim: the step outlived the 60 s at which LocalStack used to cut it.
    assert.ok(at('TaskSucceeded') - at('TaskSubmitted') > 60_000, 'the task ran for more than 60 s');
    assert.equal(events.filter((event) => event.type === 'TaskSubmitted').length, 1, 'one attempt, no retry');
    await waitFor('an empty task queue', () => queueIsEmpty(queue.url), 10_000);
    worker.kill('SIGTERM');
    assert.equal(await worker.exited, 0);
  });
});
