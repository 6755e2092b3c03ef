// Mocks and time: HeartbeatSecondsPath, a definition whose HeartbeatSeconds is not below TimeoutSeconds, and
// `realTime`, which holds the virtual clock while a mock does real work (I/O, a task's own timers).
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { runWorkflow } from '../../src/testing/index.ts';
import type { JsonObject } from '../../src/testing/json.ts';
import { machine } from './support.ts';

const task = (extra: JsonObject): JsonObject => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  End: true,
  ...extra,
});

describe('mocks and the virtual clock', () => {
  it('HeartbeatSecondsPath reads the heartbeat from the input', async () => {
    const run = await runWorkflow(
      machine({ T: task({ HeartbeatSecondsPath: '$.beat' }) }),
      { beat: 5 },
      { tasks: { T: ({ sleep }) => sleep(6).then(() => 'late') } },
    );
    assert.equal(run.error, 'States.HeartbeatTimeout');
    const scheduled = run.events.find((event) => event.type === 'TaskScheduled');
    assert.deepEqual((scheduled?.taskScheduledEventDetails as JsonObject | undefined)?.heartbeatInSeconds, 5);
  });
  it('refuses HeartbeatSeconds that is not below TimeoutSeconds (AWS rejects the definition)', async () => {
    await assert.rejects(
      runWorkflow(machine({ T: task({ TimeoutSeconds: 10, HeartbeatSeconds: 10 }) }), {}, { tasks: { T: () => 1 } }),
      { name: 'RunnerError', message: /"T".*HeartbeatSeconds \(10\) must be smaller than TimeoutSeconds \(10\)/ },
    );
  });
  it('realTime keeps virtual deadlines from passing while a mock waits on real work', async () => {
    const definition = machine({ T: task({ HeartbeatSeconds: 1 }) });
    const held = await runWorkflow(
      definition,
      {},
      { tasks: { T: ({ realTime }) => realTime(() => delay(30, 'done')) } },
    );
    assert.equal(held.status, 'SUCCEEDED');
    assert.equal(held.output, 'done');
    // Without it, the run sees nothing but its own heartbeat timer while the mock waits, so virtual time jumps.
    const unheld = await runWorkflow(definition, {}, { tasks: { T: () => delay(30, 'done') } });
    assert.equal(unheld.error, 'States.HeartbeatTimeout');
  });
});
