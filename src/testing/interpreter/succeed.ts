// Succeed: ends its thread (the execution, a branch or an iteration) successfully, after InputPath/OutputPath or
// Output.
import type { Outcome } from './outcome.ts';
import type { StateRun } from './state-run.ts';

export async function runSucceed(run: StateRun): Promise<Outcome> {
  const effective = run.language === 'JSONata' ? run.input : run.effectiveInput();
  return { output: await run.complete(undefined, effective), next: null };
}
