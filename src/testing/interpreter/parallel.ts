// Parallel: every branch runs on the same input (after InputPath/Parameters or Arguments); the result is the
// array of branch outputs in branch order. A failing branch aborts the others and fails the state with its error
// (then Retry/Catch apply; a retry runs every branch again).
import { RunnerError, StatesError, STATES } from '../errors.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { runConcurrently } from './concurrent.ts';
import type { Outcome } from './outcome.ts';
import { withRetryAndCatch } from './retry-catch.ts';
import { runStates, type StatesGraph } from './run-states.ts';
import type { StateRun } from './state-run.ts';

export async function runParallel(run: StateRun): Promise<Outcome> {
  const branches = (Array.isArray(run.state.Branches) ? run.state.Branches : []) as JsonObject[];
  return withRetryAndCatch(run, async () => {
    const jsonata = run.language === 'JSONata';
    const effective = jsonata ? run.input : run.effectiveInput();
    const branchInput = jsonata ? ((await run.jsonataField('Arguments')) ?? run.input) : run.parameters(effective);
    const { history } = run.frame.execution;
    const started = history.add(run.frame.thread, 'ParallelStateStarted');
    const results = await runConcurrently(
      branches.length,
      run.frame,
      started,
      { stateName: run.name, limit: 0 },
      (index, frame) => runStates(branches[index] as unknown as StatesGraph, branchInput, frame),
    );
    run.frame.thread.last = history.events.length;
    const failed = results.find((result) => !result.ok);
    if (failed && !failed.ok) {
      if (failed.error instanceof RunnerError) throw failed.error;
      throw failed.error instanceof StatesError
        ? failed.error
        : new StatesError(STATES.BranchFailed, String(failed.error));
    }
    history.add(run.frame.thread, 'ParallelStateSucceeded');
    const outputs = results.map((result) => (result.ok ? result.value : null)) as JsonValue[];
    return run.complete(outputs, effective);
  });
}
