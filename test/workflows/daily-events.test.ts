// daily-events, run in-process with the runner: the consume task answered, a heartbeat timeout retried until the
// last attempt succeeds, and a consume error failing the execution.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, failOn, runWorkflow } from '../../src/testing/index.ts';
import { dailyEvents } from '../../workflows/daily-events.ts';

const merged = { received: 3, succeeded: 3, failed: 0 };

describe('daily-events', () => {
  it('hands the key prefix to the daily-merge action and ends with the consume result', async () => {
    const run = await runWorkflow(
      dailyEvents,
      { keyPrefix: 'events/' },
      {
        tasks: {
          // Typed from the workflow: consume's envelope in (activity dispatch), its output back.
          MergeDailyFiles: ({ input }) => {
            assert.ok(!('MessageBody' in input), 'activity dispatch: the envelope is the activity input itself');
            const { action } = input.input;
            assert.ok(action.name === 'daily-merge', `the daily-merge action, got ${action.name}`);
            assert.equal(action.params.keyPrefix, 'events/');
            return merged;
          },
        },
      },
    );
    assert.deepEqual([run.status, run.output], ['SUCCEEDED', merged]);
  });

  it('Retry: States.HeartbeatTimeout twice, then the last attempt succeeds', async () => {
    const run = await runWorkflow(
      dailyEvents,
      { keyPrefix: 'events/' },
      { tasks: { MergeDailyFiles: failOn([1, 2], { error: 'States.HeartbeatTimeout' }, () => merged) } },
    );
    assert.equal(run.status, 'SUCCEEDED');
    assert.equal(run.steps[0]?.attempts, 3);
  });

  it('a consume error fails the execution with it', async () => {
    const run = await runWorkflow(
      dailyEvents,
      { keyPrefix: 'events/' },
      { tasks: { MergeDailyFiles: fail('Consume.QueueNotFound', 'no queue') } },
    );
    assert.deepEqual([run.status, run.error, run.path], ['FAILED', 'Consume.QueueNotFound', ['MergeDailyFiles']]);
  });
});
