// runWorkflow's inputs and options: ASL as YAML or JSON text, the real clock, clear errors for bad definitions.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RunnerError, runWorkflow } from '../../src/testing/index.ts';

it('accepts ASL as YAML text and as JSON text', async () => {
  const yaml = 'StartAt: Hello\nStates:\n  Hello:\n    Type: Pass\n    Result: { greeting: hi }\n    End: true\n';
  assert.deepEqual((await runWorkflow(yaml, {})).output, { greeting: 'hi' });
  const json = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
  assert.deepEqual((await runWorkflow(json, { x: 1 })).output, { x: 1 });
});

it("runs in real time with clock: 'real'", async () => {
  const started = Date.now();
  const run = await runWorkflow(
    { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } },
    {},
    {
      clock: 'real',
      tasks: { T: ({ sleep }) => sleep(0.05).then(() => 'slept') },
    },
  );
  assert.equal(run.output, 'slept');
  // Real time: the events carry the wall clock, not the virtual clock's fixed start.
  assert.ok((run.events[0]?.timestamp.getTime() ?? 0) >= started);
});

it('refuses a definition without StartAt or States, and an unknown state type, with a RunnerError naming it', async () => {
  await assert.rejects(
    runWorkflow({ States: {} }, {}),
    (error: unknown) => error instanceof RunnerError && /StartAt/.test(error.message),
  );
  await assert.rejects(runWorkflow('{ "StartAt": "A" ', {}), /neither JSON nor YAML/);
  await assert.rejects(
    runWorkflow({ StartAt: 'A', States: { A: { Type: 'Teleport', End: true } } }, {}),
    /"A" has Type "Teleport"/,
  );
});

it("is the package's `stepforge/testing` entry, as CONTRACT.md names it", async () => {
  const entry = await import('stepforge/testing');
  assert.equal(entry.runWorkflow, runWorkflow);
  assert.equal(typeof entry.fail, 'function');
});
