// The runner's events fold (with the server's foldSteps) into the same steps as a LocalStack run of the same
// workflow and input: the showcase, once with a loyalty record in S3 (express, straight to Fulfil) and once without
// (standard: the read is retried, caught, then the batch window; the mock fails with the error and cause LocalStack's
// S3 gave, request id and all). Times and event ids are masked; rows are compared in order per scope (Parallel
// branches and Map iterations interleave).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { branchResolverFromAsl, foldSteps, type HistoryEventLike, type StepRow } from '../../src/contracts/index.ts';
import { runWorkflow, TaskFailure, type TaskMocks } from '../../src/testing/index.ts';
import { showcase } from '../../workflows/showcase.ts';
import { TEST_ROLE, testClients, uniqueName } from '../support/localstack.ts';
import { masked } from '../support/testing/compare-runs.ts';
import { SHOWCASE_ORDER } from '../support/workflows/showcase-order.ts';
import { runOnLocalStack } from '../support/testing/localstack-execution.ts';

const RECORD = '{"tier":"gold"}';
const order = SHOWCASE_ORDER;

/** Rows without what two executions cannot share, grouped by where they ran, in entry order within each scope. */
function comparable(rows: readonly StepRow[]): Record<string, unknown[]> {
  const byScope: Record<string, unknown[]> = {};
  for (const row of rows) {
    const { startedAt, endedAt, durationMs, enteredEventId, failedAttempts, ...rest } = row;
    const attempts = failedAttempts.map(({ at, ...attempt }) => attempt);
    const key = JSON.stringify(row.scope);
    byScope[key] = [...(byScope[key] ?? []), masked({ ...rest, failedAttempts: attempts })];
  }
  return byScope;
}

describe('steps of a showcase run: in-process equal LocalStack', () => {
  const { s3, sfn } = testClients();
  const bucket = uniqueName('sf-steps').toLowerCase();
  const asl = JSON.parse(JSON.stringify(showcase.toAsl()).replaceAll('${bucket:showcase-data}', bucket));

  before(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'loyalty/o-1.json', Body: RECORD }));
  });
  after(async () => {
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'loyalty/o-1.json' }));
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  });

  /** Runs on LocalStack, then in-process with the task mock `mocks` makes from what LocalStack's S3 answered. */
  const compare = async (input: object, mocks: (events: readonly HistoryEventLike[]) => TaskMocks) => {
    const name = uniqueName('steps');
    const onLocalStack = await runOnLocalStack(sfn, { name, definition: asl, input, timeoutMs: 60_000 });
    const events = onLocalStack.events as unknown as HistoryEventLike[];
    const context = { executionName: name, stateMachineName: name, roleArn: TEST_ROLE };
    const inProcess = await runWorkflow(asl, input, { tasks: mocks(events), context });
    assert.equal(inProcess.status, onLocalStack.status);
    // As the server folds it: the branches' StartAt name them (LocalStack may enter branch 1 first).
    const expected = foldSteps(events, branchResolverFromAsl(asl));
    assert.ok(expected.length > 10, `LocalStack's history folded into ${expected.length} rows`);
    assert.deepEqual(comparable(inProcess.steps), comparable(expected));
    return inProcess;
  };

  it('express order with a loyalty record', async () => {
    const run = await compare({ ...order, priority: 'express' }, () => ({ LoadLoyalty: () => ({ Body: RECORD }) }));
    assert.ok(run.path.includes('Fulfil') && !run.path.includes('BatchWindow'));
  });

  it('standard order with no record: retried, caught, batch window', async () => {
    const run = await compare({ ...order, orderId: 'o-2', priority: 'standard' }, (events) => {
      // Each attempt fails as LocalStack's did (the cause carries that request's id).
      const failures = events
        .filter((event) => event.type === 'TaskFailed')
        .map((event) => event.taskFailedEventDetails as { error: string; cause: string });
      assert.equal(failures.length, 2, 'LocalStack failed the read twice (the try and its retry)');
      return {
        LoadLoyalty: ({ call }) => {
          const failure = failures[call - 1] as { error: string; cause: string };
          throw new TaskFailure(failure.error, failure.cause);
        },
      };
    });
    assert.equal(run.steps.find((step) => step.name === 'LoadLoyalty')?.status, 'caught');
  });
});
