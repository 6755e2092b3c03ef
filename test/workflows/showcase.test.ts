// showcase, run in-process with the runner: both Route branches, the LoadLoyalty Catch, a LoadLoyalty Retry that
// succeeds on its last attempt, and a States.Runtime error that no Catch takes (Fulfil's Catch is unreachable).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, failOn, runWorkflow } from '../../src/testing/index.ts';
import { showcase } from '../../workflows/showcase.ts';
import { SHOWCASE_ORDER } from '../support/workflows/showcase-order.ts';

const order = SHOWCASE_ORDER;
const fulfilled = {
  orderId: 'o-1',
  lineCount: 2,
  stock: { orderId: 'o-1', reserved: true },
  carrier: { carrier: 'local-post' },
};
const noRecord = { LoadLoyalty: fail('S3.NoSuchKey', 'The specified key does not exist.') };

describe('showcase', () => {
  it('standard order: the Map describes each line, Route takes the default to BatchWindow, then Fulfil', async () => {
    const run = await runWorkflow(showcase, order, { tasks: noRecord });
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
    assert.deepEqual(run.output, fulfilled);
  });

  it('express order: Route goes straight to Fulfil, and a loyalty record is selected into $.loyalty', async () => {
    const run = await runWorkflow(
      showcase,
      { ...order, priority: 'express' },
      // Typed from the workflow: `input` is LoadLoyalty's Parameters, the result its `returns: shape<{ Body: string }>()`.
      { tasks: { LoadLoyalty: ({ input }) => ({ Body: `{"for":"${input.Key}","from":"${input.Bucket}"}` }) } },
    );
    assert.ok(!run.path.includes('BatchWindow') && run.path.includes('Fulfil'));
    const loaded = run.steps.find((step) => step.name === 'LoadLoyalty');
    assert.deepEqual((loaded?.output as { loyalty?: unknown } | undefined)?.loyalty, {
      record: '{"for":"loyalty/o-1.json","from":"${bucket:showcase-data}"}',
    });
    assert.deepEqual(run.output, fulfilled);
  });

  it('LoadLoyalty Catch: a read failing on both attempts is caught into $.loyaltyError, and NoLoyalty runs', async () => {
    const run = await runWorkflow(showcase, order, { tasks: noRecord });
    const loaded = run.steps.find((step) => step.name === 'LoadLoyalty');
    assert.deepEqual([loaded?.status, loaded?.attempts], ['caught', 2]);
    const noLoyalty = run.steps.find((step) => step.name === 'NoLoyalty');
    assert.deepEqual((noLoyalty?.input as { loyaltyError?: unknown } | undefined)?.loyaltyError, {
      Error: 'S3.NoSuchKey',
      Cause: 'The specified key does not exist.',
    });
    assert.deepEqual((noLoyalty?.output as { loyalty?: unknown } | undefined)?.loyalty, { record: null });
  });

  it('LoadLoyalty Retry: a read that fails once and succeeds on its last attempt is not caught', async () => {
    const run = await runWorkflow(showcase, order, {
      tasks: { LoadLoyalty: failOn(1, { error: 'S3.SlowDown' }, () => ({ Body: 'r' })) },
    });
    const loaded = run.steps.find((step) => step.name === 'LoadLoyalty');
    assert.deepEqual([loaded?.status, loaded?.attempts], ['succeeded', 2]);
    assert.ok(!run.path.includes('NoLoyalty'));
    assert.equal(run.status, 'SUCCEEDED');
  });

  it('no orderId: a States.Runtime error, which no Retry or Catch takes, fails the run at LoadLoyalty', async () => {
    // Fulfil's Retry and Catch cannot be reached: its branches are Pass and Wait states, whose only possible error
    // (a missing path) is States.Runtime, which AWS never retries or catches, not even with States.ALL.
    const { orderId, ...withoutId } = order;
    const run = await runWorkflow(showcase.toAsl(), withoutId, { tasks: noRecord });
    assert.deepEqual([run.status, run.error], ['FAILED', 'States.Runtime']);
    assert.match(run.cause ?? '', /\$\.orderId/);
    assert.equal(run.path.at(-1), 'LoadLoyalty');
    assert.ok(!run.path.includes('NoLoyalty'));
  });
});
