// The errors Step Functions raises itself, by their exact names, and how Retry/Catch match error names.

export const STATES = {
  ALL: 'States.ALL',
  Runtime: 'States.Runtime',
  DataLimitExceeded: 'States.DataLimitExceeded',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  TaskFailed: 'States.TaskFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  QueryEvaluationError: 'States.QueryEvaluationError',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
  BranchFailed: 'States.BranchFailed',
  Permissions: 'States.Permissions',
} as const;

/** A failure inside the execution: a state (or a task) failed with this error name and cause. */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = 'StatesError';
  }
}

/**
 * A mistake in how the runner was called or in the definition (no mock for a reached Task, an unknown state type):
 * `runWorkflow` rejects with it instead of reporting a failed execution, so the test points at the cause.
 */
export class RunnerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunnerError';
  }
}

/** The error a thrown value stands for: a StatesError as is; anything else a mock throws, by its name and message. */
export function toStatesError(thrown: unknown): StatesError {
  if (thrown instanceof StatesError) return thrown;
  if (thrown instanceof Error) {
    const named = (thrown as { error?: unknown }).error;
    return new StatesError(typeof named === 'string' ? named : thrown.name, thrown.message);
  }
  return new StatesError(STATES.TaskFailed, String(thrown));
}

/** Terminal errors: States.ALL (and States.TaskFailed) never match them (AWS "Error names"). */
const TERMINAL: ReadonlySet<string> = new Set([STATES.Runtime, STATES.DataLimitExceeded]);

/** Whether a Retrier's or Catcher's ErrorEquals matches an error name. */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  return errorEquals.some((name) => {
    if (name === error) return true;
    if (TERMINAL.has(error)) return false;
    if (name === STATES.ALL) return true;
    // "States.TaskFailed acts as a wildcard that matches any known error name except for States.Timeout".
    return name === STATES.TaskFailed && error !== STATES.Timeout;
  });
}
