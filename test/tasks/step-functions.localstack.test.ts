// Every task behind a real state machine, dispatched both ways (activity and SQS .waitForTaskToken), run by
// `stepforge worker` processes: success and named failures as Step Functions reports them; Worker.Shutdown retries.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { clients, createActivity, createBucket, createQueue, putObjects } from '../support/tasks/aws.ts';
import { type RunningProcess, startProcess, startWorker } from '../support/tasks/processes.ts';
import {
  activityTask,
  createStateMachine,
  executionResult,
  history,
  requireQueueDispatch,
  queueTask,
  startExecution,
  waitForExecution,
} from '../support/tasks/sfn.ts';

type Dispatch = 'activity' | 'queue';
const DISPATCHES: readonly Dispatch[] = ['activity', 'queue'];
const TASKS = ['list-and-publish', 'consume', 'action'] as const;

const workers: RunningProcess[] = [];
const machines = new Map<string, string>();
const machine = (task: string, dispatch: Dispatch) => machines.get(`${task}/${dispatch}`)!;

before(async () => {
  await requireQueueDispatch();
  await Promise.all(
    TASKS.map(async (task) => {
      const activityArn = await createActivity(`sf-${task}`);
      const queue = await createQueue(`sf-${task}-tasks`);
      machines.set(`${task}/activity`, await createStateMachine(activityTask(activityArn)));
      machines.set(`${task}/queue`, await createStateMachine(queueTask(queue.url)));
      const worker = startWorker([
        task,
        '--dispatch',
        'both',
        '--concurrency',
        '4',
        '--queue-url',
        queue.url,
        '--activity-arn',
        activityArn,
        '--grace-seconds',
        '2',
        '--heartbeat-seconds',
        '5',
      ]);
      workers.push(worker);
      await worker.waitForOutput(/"msg":"worker started"/);
    }),
  );
});

after(async () => {
  for (const worker of workers) worker.kill('SIGTERM');
  const codes = await Promise.all(workers.map((worker) => worker.exited));
  assert.deepEqual(
    codes,
    workers.map(() => 0),
    'workers exit 0 on SIGTERM',
  );
});

describe('task containers behind Step Functions', () => {
  for (const dispatch of DISPATCHES) {
    test(`list-and-publish via ${dispatch}: success, BucketNotFound, QueueNotFound, InvalidInput`, async () => {
      const bucket = await createBucket();
      const target = await createQueue();
      await putObjects(bucket, [{ key: 'b/2.txt' }, { key: 'a 1.txt' }, { key: 'c/ü.txt' }]);
      const arn = machine('list-and-publish', dispatch);
      const missingQueue = `${target.url}-gone`;
      const results = await Promise.all([
        executionResult(arn, { bucket, queueUrl: target.url }),
        executionResult(arn, { bucket: 'no-such-bucket-sf', queueUrl: target.url }),
        executionResult(arn, { bucket, queueUrl: missingQueue }),
        executionResult(arn, { bucket: 5, queueUrl: target.url }),
      ]);
      assert.deepEqual(results, [
        {
          status: 'SUCCEEDED',
          output: { published: 3, queueUrl: target.url, firstKey: 'a 1.txt', lastKey: 'c/ü.txt' },
        },
        {
          status: 'FAILED',
          error: 'ListAndPublish.BucketNotFound',
          cause: 'bucket "no-such-bucket-sf" does not exist',
        },
        { status: 'FAILED', error: 'ListAndPublish.QueueNotFound', cause: `queue ${missingQueue} does not exist` },
        { status: 'FAILED', error: 'ListAndPublish.InvalidInput', cause: 'bucket: must be a string, got number 5' },
      ]);
    });

    test(`consume via ${dispatch}: success, QueueNotFound, InvalidInput`, async () => {
      const source = await createBucket();
      const target = await createBucket();
      const work = await createQueue();
      await putObjects(source, [{ key: 'one' }, { key: 'two' }]);
      for (const key of ['one', 'two']) {
        await clients.sqs.send(
          new SendMessageCommand({ QueueUrl: work.url, MessageBody: JSON.stringify({ bucket: source, key }) }),
        );
      }
      const arn = machine('consume', dispatch);
      const action = { name: 's3-copy', params: { bucket: target } };
      const results = await Promise.all([
        executionResult(arn, { queueUrl: work.url, action, idleSeconds: 1 }),
        executionResult(arn, { queueUrl: `${work.url}-gone`, action, idleSeconds: 1 }),
        executionResult(arn, { queueUrl: work.url, action: { name: 's3-copy' }, idleSeconds: 1 }),
      ]);
      assert.deepEqual(results, [
        { status: 'SUCCEEDED', output: { received: 2, succeeded: 2, failed: 0 } },
        { status: 'FAILED', error: 'Consume.QueueNotFound', cause: `queue ${work.url}-gone does not exist` },
        { status: 'FAILED', error: 'Consume.InvalidInput', cause: 'action.params.bucket: is required' },
      ]);
    });

    test(`action via ${dispatch}: success, ObjectNotFound, DestinationNotFound, InvalidInput`, async () => {
      const source = await createBucket();
      const target = await createBucket();
      await putObjects(source, [{ key: 'doc.pdf' }]);
      const arn = machine('action', dispatch);
      const copy = (bucket: string) => ({ name: 's3-copy', params: { bucket } });
      const results = await Promise.all([
        executionResult(arn, { action: copy(target), item: { bucket: source, key: 'doc.pdf' } }),
        executionResult(arn, { action: copy(target), item: { bucket: source, key: 'gone.pdf' } }),
        executionResult(arn, { action: copy('no-such-target-sf'), item: { bucket: source, key: 'doc.pdf' } }),
        executionResult(arn, { action: copy(target), item: { bucket: source } }),
      ]);
      assert.deepEqual(results, [
        {
          status: 'SUCCEEDED',
          output: {
            action: 's3-copy',
            item: { bucket: source, key: 'doc.pdf' },
            result: { copiedTo: { bucket: target, key: 'doc.pdf' } },
          },
        },
        { status: 'FAILED', error: 'Action.ObjectNotFound', cause: `s3://${source}/gone.pdf does not exist` },
        {
          status: 'FAILED',
          error: 'Action.DestinationNotFound',
          cause: 'destination bucket "no-such-target-sf" does not exist',
        },
        { status: 'FAILED', error: 'Action.InvalidInput', cause: 'item.key: is required' },
      ]);
    });
  }
});

describe('SIGTERM with work in flight', () => {
  const retry = [{ ErrorEquals: ['Worker.Shutdown'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1 }];
  for (const dispatch of DISPATCHES) {
    test(`via ${dispatch}: the first worker fails it with Worker.Shutdown, exits 0, and the Retry runs it on the second`, async () => {
      const target = dispatch === 'activity' ? await createActivity('sf-sleepy') : (await createQueue('sf-sleepy')).url;
      const stateMachine = await createStateMachine(
        dispatch === 'activity'
          ? activityTask(target, { retry, heartbeatSeconds: 30 })
          : queueTask(target, { retry, heartbeatSeconds: 30 }),
      );
      const fixture = ['--import', 'tsx', 'test/tasks/fixtures/sleepy-worker.ts', dispatch, target];
      const first = startProcess(process.execPath, fixture, { WORKER_LABEL: 'first', GRACE_SECONDS: '1' });
      await first.waitForOutput(/"msg":"worker started"/);
      const executionArn = await startExecution(stateMachine, { slowWorker: 'first' });
      await first.waitForOutput(/started on first/);
      const second = startProcess(process.execPath, fixture, { WORKER_LABEL: 'second', GRACE_SECONDS: '1' });
      try {
        await second.waitForOutput(/"msg":"worker started"/);
        first.kill('SIGTERM');
        assert.equal(await first.exited, 0);
        assert.match(first.output(), /aborted on first/);
        assert.match(first.output(), /exited cleanly first/);
        const described = await waitForExecution(executionArn);
        assert.equal(described.status, 'SUCCEEDED');
        assert.deepEqual(JSON.parse(described.output!), { worker: 'second' });
        const failures = (await history(executionArn))
          .map((event) => event.activityFailedEventDetails ?? event.taskFailedEventDetails)
          .filter((details) => details !== undefined)
          .map((details) => details.error);
        assert.deepEqual(failures, ['Worker.Shutdown']);
      } finally {
        first.kill('SIGKILL');
        second.kill('SIGTERM');
        assert.equal(await second.exited, 0);
      }
    });
  }
});

describe('heartbeats', () => {
  test('when Step Functions stops waiting (execution stopped), the next heartbeat aborts the work', async () => {
    const activityArn = await createActivity('sf-heartbeat');
    const stateMachine = await createStateMachine(activityTask(activityArn, { heartbeatSeconds: 30 }));
    const worker = startProcess(
      process.execPath,
      ['--import', 'tsx', 'test/tasks/fixtures/sleepy-worker.ts', 'activity', activityArn],
      { WORKER_LABEL: 'only' },
    );
    try {
      await worker.waitForOutput(/"msg":"worker started"/);
      const executionArn = await startExecution(stateMachine, { slowWorker: 'only' });
      await worker.waitForOutput(/started on only/);
      await clients.sfn.send(new StopExecutionCommand({ executionArn, error: 'Test.Stopped' }));
      await worker.waitForOutput(/aborted on only/, 15_000);
      await worker.waitForOutput(
        /"msg":"task abandoned: Step Functions stopped waiting".*"outcome":"abandoned"/,
        15_000,
      );
      // LocalStack 2026.3 reports a stopped execution as FAILED (with the stop's error), AWS as ABORTED.
      assert.ok(['ABORTED', 'FAILED'].includes((await waitForExecution(executionArn)).status!));
    } finally {
      worker.kill('SIGTERM');
    }
    assert.equal(await worker.exited, 0);
  });
});

test.after(() => {
  clients.s3.destroy();
  clients.sqs.destroy();
  clients.sfn.destroy();
});
