// A DISTRIBUTED Map's history, as AWS and LocalStack record it: the items run as child executions, so the parent
// shows MapRunStarted and MapRunSucceeded/Failed, no MapIteration or inner state events (the steps view shows no
// iteration rows); run.path still names the inner states. The legacy Iterator form counts as distributed too. The
// Map Run starts before an ItemReader reads the items, so a reader failure is MapRunFailed, then MapStateFailed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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

const SUCCEEDED_MAP_RUN = [
  'ExecutionStarted',
  'MapStateEntered',
  'MapStateStarted',
  'MapRunStarted',
  'MapRunSucceeded',
  'MapStateSucceeded',
  'MapStateExited',
  'ExecutionSucceeded',
];

it('records a Map Run in the parent history, not the iterations', async () => {
  const run = await runWorkflow(distributedMap('ItemProcessor', { Type: 'Pass' }), [1, 2]);
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(
    run.events.map((event) => event.type),
    SUCCEEDED_MAP_RUN,
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

describe('a Distributed Map with an ItemReader: the Map Run starts before the items are read (as on AWS)', () => {
  const readerMap = (extra: Record<string, unknown> = {}) => ({
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSON' },
          Parameters: { 'Bucket.$': '$.Bucket', 'Key.$': '$.Key' },
        },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Item',
          States: { Item: { Type: 'Pass', End: true } },
        },
        ...extra,
        End: true,
      },
    },
  });
  const input = { Bucket: 'in', Key: 'items.json' };

  it('a failing ItemReader: MapStateStarted (length 0), MapRunStarted, MapRunFailed, MapStateFailed', async () => {
    const run = await runWorkflow(readerMap(), input, { s3: { 'in/': '' } });
    assert.equal(run.status, 'FAILED');
    assert.equal(run.error, 'States.ItemReaderFailed');
    assert.deepEqual(
      run.events.map((event) => event.type),
      [
        'ExecutionStarted',
        'MapStateEntered',
        'MapStateStarted',
        'MapRunStarted',
        'MapRunFailed',
        'MapStateFailed',
        'ExecutionFailed',
      ],
    );
    assert.deepEqual(run.events[2]?.mapStateStartedEventDetails, { length: 0 });
    assert.equal(
      (run.events[4]?.mapRunFailedEventDetails as { error?: string } | undefined)?.error,
      'States.ItemReaderFailed',
    );
    assert.equal(run.mapRuns.length, 1);
    assert.deepEqual(run.mapRuns[0]?.executions, []);
  });

  it('a failing ItemReader caught by the state: the Map Run still started and failed', async () => {
    const catching = readerMap({ Catch: [{ ErrorEquals: ['States.ItemReaderFailed'], Next: 'Caught' }] });
    (catching.States as Record<string, unknown>).Caught = { Type: 'Pass', End: true };
    const run = await runWorkflow(catching, input, { s3: { 'in/': '' } });
    assert.equal(run.status, 'SUCCEEDED');
    assert.deepEqual(run.events.map((event) => event.type).slice(2, 7), [
      'MapStateStarted',
      'MapRunStarted',
      'MapRunFailed',
      'MapStateFailed',
      'MapStateExited',
    ]);
  });

  it('a succeeding ItemReader: the same start, then the child executions and MapRunSucceeded', async () => {
    const run = await runWorkflow(readerMap(), input, { s3: { 'in/items.json': '[{"a":1},{"a":2}]' } });
    assert.equal(run.status, 'SUCCEEDED');
    assert.deepEqual(run.output, [{ a: 1 }, { a: 2 }]);
    assert.deepEqual(
      run.events.map((event) => event.type),
      SUCCEEDED_MAP_RUN,
    );
    assert.deepEqual(run.events[2]?.mapStateStartedEventDetails, { length: 0 });
    assert.equal(run.mapRuns[0]?.executions.length, 2);
  });

  it('an invalid ItemBatcher limit fails inside the Map Run; an invalid tolerance before it starts', async () => {
    const batched = await runWorkflow(
      readerMap({ ItemBatcher: { MaxItemsPerBatchPath: '$.batch' } }),
      { ...input, batch: -1 },
      { s3: { 'in/items.json': '[1,2]' } },
    );
    assert.equal(batched.error, 'States.Runtime');
    assert.deepEqual(batched.events.map((event) => event.type).slice(2, -1), [
      'MapStateStarted',
      'MapRunStarted',
      'MapRunFailed',
      'MapStateFailed',
    ]);
    const tolerance = await runWorkflow(
      readerMap({ ToleratedFailureCountPath: '$.count' }),
      { ...input, count: -3 },
      { s3: { 'in/items.json': '[1,2]' } },
    );
    assert.equal(tolerance.error, 'States.Runtime');
    assert.deepEqual(
      tolerance.events.map((event) => event.type).filter((type) => type.startsWith('MapRun')),
      [],
    );
    assert.equal(tolerance.events[2]?.type, 'MapStateStarted');
  });
});
