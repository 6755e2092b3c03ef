// The pure parts of bench/soak.ts: counting outcomes, the percentile, the seeded random source, and the task
// defaults it can add to the generated ASL.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../bench/soak/random.ts';
import { countOutcomes, countsLine, percentile } from '../../bench/soak/tally.ts';
import { addDefaultsToStates } from '../../bench/soak/task-timeouts.ts';

describe('soak bench', () => {
  it('counts every outcome once; a refused POST is not a started execution', () => {
    const counts = countOutcomes([
      { workflow: 'a', outcome: { kind: 'succeeded' } },
      { workflow: 'a', outcome: { kind: 'failed-named', error: 'States.Timeout' } },
      { workflow: 'b', outcome: { kind: 'failed-named', error: 'States.Timeout' } },
      { workflow: 'b', outcome: { kind: 'lost' } },
      { workflow: 'b', outcome: { kind: 'hung' } },
      { workflow: 'b', outcome: { kind: 'rejected', status: 503 } },
    ]);
    assert.equal(
      countsLine(counts),
      'started 5, succeeded 1, failed (named) 2 [States.Timeout x2], lost 1, hung 1, POST refused 1',
    );
  });

  it('takes the nearest-rank percentile', () => {
    const values = Array.from({ length: 20 }, (_, index) => 20 - index);
    assert.equal(percentile(values, 50), 10);
    assert.equal(percentile(values, 95), 19);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  it('repeats the same choices for the same seed', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return [random.between(0, 1000), random.pick(['a', 'b', 'c']), random.shuffle([1, 2, 3, 4]).join()];
    };
    assert.deepEqual(draw(7), draw(7));
    assert.notDeepEqual(draw(7), draw(8));
  });

  it('gives worker Tasks (activity or task token, nested ones too) a heartbeat, a timeout and a Retry, and leaves others', () => {
    const states = {
      List: { Type: 'Task', Resource: '${activity:stepforge-list-and-publish}', HeartbeatSeconds: 30, Next: 'Each' },
      Each: {
        Type: 'Map',
        ItemProcessor: {
          StartAt: 'Zip',
          States: { Zip: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } },
        },
        Next: 'Read',
      },
      Read: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:getObject', End: true },
    };
    assert.equal(addDefaultsToStates(states, 10, 120), 2);
    assert.deepEqual(
      [states.List.HeartbeatSeconds, (states.List as Record<string, unknown>).TimeoutSeconds],
      [30, 120],
    );
    const zip = states.Each.ItemProcessor.States.Zip as Record<string, unknown>;
    assert.deepEqual(
      [zip.HeartbeatSeconds, zip.TimeoutSeconds, (zip.Retry as { ErrorEquals: string[] }[])[0]!.ErrorEquals],
      [10, 120, ['States.Timeout', 'States.HeartbeatTimeout', 'Worker.Shutdown']],
    );
    assert.deepEqual(Object.keys(states.Read), ['Type', 'Resource', 'End']);
  });
});
