// Events around a failing state, as the differential test against LocalStack found them: EvaluationFailed before a
// JSONata failure, no MapStateFailed/ParallelStateFailed for an attempt a Retry runs again, MapStateFailed when a
// Map fails before it starts; and the state machine name given in the context.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runWorkflow } from '../../src/testing/index.ts';

const types = (events: readonly { type: string }[]): string[] => events.map((event) => event.type);

it('records EvaluationFailed once, where a JSONata expression failed', async () => {
  const run = await runWorkflow({
    QueryLanguage: 'JSONata',
    StartAt: 'Out',
    States: { Out: { Type: 'Pass', Output: '{% $states.input.missing %}', End: true } },
  });
  assert.equal(run.error, 'States.QueryEvaluationError');
  assert.deepEqual(types(run.events), ['ExecutionStarted', 'PassStateEntered', 'EvaluationFailed', 'ExecutionFailed']);
  assert.deepEqual(run.events[2]?.evaluationFailedEventDetails, {
    error: 'States.QueryEvaluationError',
    cause: (run.events[2]?.evaluationFailedEventDetails as { cause?: string } | undefined)?.cause,
    state: 'Out',
  });
});

it('a retried Parallel starts again without ParallelStateFailed; only the last attempt records it', async () => {
  const run = await runWorkflow({
    StartAt: 'Both',
    States: {
      Both: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Oops', Cause: 'no' } } }],
        Retry: [{ ErrorEquals: ['Oops'], MaxAttempts: 1, IntervalSeconds: 1 }],
        End: true,
      },
    },
  });
  assert.equal(run.error, 'Oops');
  assert.deepEqual(types(run.events), [
    'ExecutionStarted',
    'ParallelStateEntered',
    'ParallelStateStarted',
    'FailStateEntered',
    'ParallelStateStarted',
    'FailStateEntered',
    'ParallelStateFailed',
    'ExecutionFailed',
  ]);
});

it('a Map that fails before it starts (its items are not an array) records MapStateFailed', async () => {
  const run = await runWorkflow(
    {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    },
    { not: 'an array' },
  );
  // As LocalStack records it (and names it): States.QueryEvaluationError after EvaluationFailed.
  assert.equal(run.error, 'States.QueryEvaluationError');
  assert.deepEqual(types(run.events), [
    'ExecutionStarted',
    'MapStateEntered',
    'EvaluationFailed',
    'MapStateFailed',
    'ExecutionFailed',
  ]);
});

it('uses context.stateMachineName for $$.StateMachine', async () => {
  const run = await runWorkflow(
    { StartAt: 'Who', States: { Who: { Type: 'Pass', Parameters: { 'name.$': '$$.StateMachine.Name' }, End: true } } },
    {},
    { context: { stateMachineName: 'orders' } },
  );
  assert.deepEqual(run.output, { name: 'orders' });
});

it('$randomSeeded of nothing returns nothing, so the expression fails as LocalStack (and JSONata) do', async () => {
  const draw = {
    QueryLanguage: 'JSONata',
    StartAt: 'Draw',
    States: { Draw: { Type: 'Pass', Output: { n: '{% $randomSeeded($states.input.seed) %}' }, End: true } },
  };
  assert.equal((await runWorkflow(draw)).error, 'States.QueryEvaluationError');
  const seeded = await runWorkflow(draw, { seed: 7 });
  assert.equal(typeof (seeded.output as { n: unknown }).n, 'number');
});
