// A DISTRIBUTED Map's history, as AWS and LocalStack record it: the items run as child executions, so the parent
// shows MapRunStarted and MapRunSucceeded/Failed, no MapIteration or inner state events (the steps view shows no
// iteration rows); run.path still names the inner states. The legacy Iterator form counts as distributed too.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runWorkflow } from '../../src/testing/index.ts';

function distributedMap(processorKey: 'ItemProcessor' | 'Iterator', inner: Record<string, unknown>) {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        Label: 'items',
        [processorKey]: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Item',
          States: { Item: { ...inner, End: true } },
        },
        End: true,
      },
    },
  };
}

it('records a Map Run in the parent history, not the iterations', async () => {
  const run = await runWorkflow(distributedMap('ItemProcessor', { Type: 'Pass' }), [1, 2]);
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(
    run.events.map((event) => event.type),
    [
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapRunStarted',
      'MapRunSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ],
  );
  assert.match(
    String((run.events[3]?.mapRunStartedEventDetails as { mapRunArn?: string } | undefined)?.mapRunArn),
    /^arn:aws:states:us-east-1:000000000000:mapRun:stepforge-testing\/items:/,
  );
  assert.deepEqual(run.path, ['Each', 'Item', 'Item']);
  assert.deepEqual(
    run.steps.map((step) => step.name),
    ['Each'],
  );
});

it('a failed Map Run (legacy Iterator form) records MapRunFailed, then MapStateFailed', async () => {
  const run = await runWorkflow(distributedMap('Iterator', { Type: 'Fail', Error: 'Item.Bad' }), [1]);
  assert.equal(run.error, 'Item.Bad');
  assert.deepEqual(run.events.map((event) => event.type).slice(2), [
    'MapStateStarted',
    'MapRunStarted',
    'MapRunFailed',
    'MapStateFailed',
    'ExecutionFailed',
  ]);
});
