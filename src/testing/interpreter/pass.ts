// Pass: JSONPath — InputPath, Parameters, then Result (if given) as the result, ResultPath, OutputPath.
// JSONata — Output (default: the input) and Assign.
import type { Outcome } from './outcome.ts';
import { nextOf } from './outcome.ts';
import type { StateRun } from './state-run.ts';

export async function runPass(run: StateRun): Promise<Outcome> {
  if (run.language === 'JSONata') return { output: await run.complete(undefined, run.input), next: nextOf(run.state) };
  const effective = run.effectiveInput();
  const result = run.state.Result !== undefined ? run.state.Result : run.parameters(effective);
  return { output: await run.complete(result, effective), next: nextOf(run.state) };
}
