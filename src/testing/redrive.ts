// redrive(run): RedriveExecution for a run of the runner. A FAILED, TIMED_OUT or ABORTED run goes on in the same
// history (ExecutionRedriven, then the events of the redrive): each thread starts again at the state it stopped at,
// with that state's input and the variables as they were; the states and the Parallel branches, Map iterations and
// Distributed Map child executions that succeeded are not run again. `$$.Execution.RedriveCount` counts the redrives
// and `$$.Execution.RedriveTime` says when the last one began
// (https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html).
import { RunnerError } from './errors.ts';
import type { JsonValue } from './json.ts';
import type { TaskMocks } from './mocks.ts';
import { execute, finish, REDRIVE_SEED, type RedriveSeed, type RunResult } from './run-workflow.ts';

export interface RedriveOptions<Mocks = TaskMocks> {
  /** The mocks the redrive calls (default: the run's own), e.g. with the failing task fixed; typed as the run's. */
  readonly tasks?: Mocks;
}

export async function redrive<Output = JsonValue, Mocks = TaskMocks>(
  run: RunResult<Output, Mocks>,
  options: RedriveOptions<Mocks> = {},
): Promise<RunResult<Output, Mocks>> {
  const seed = (run as unknown as { [REDRIVE_SEED]?: RedriveSeed })[REDRIVE_SEED];
  if (!seed) throw new RunnerError('redrive: the run was not returned by runWorkflow or redrive');
  if (seed.status === 'SUCCEEDED') {
    // As RedriveExecution answers ExecutionNotRedrivable.
    throw new RunnerError('redrive: the execution SUCCEEDED and cannot be redriven (only FAILED, TIMED_OUT, ABORTED)');
  }
  const runOptions = { ...seed.options, ...(options.tasks && { tasks: options.tasks }) };
  // The mocks' type is a phantom of the result: the redrive took the same kind of mocks as the run.
  return finish(await execute<Output>(seed.definition, seed.input, runOptions, seed)) as RunResult<Output, Mocks>;
}
