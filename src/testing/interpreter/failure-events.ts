// Events Step Functions adds when a state fails, as LocalStack's AWS-validated snapshots show them: an
// EvaluationFailed event (with the error, cause and state) right where a query (JSONata, or a Map's items) failed to
// evaluate, once per error however far it propagates; and MapStateFailed / ParallelStateFailed only when no Retry
// runs the container again (a retried attempt goes straight to the next MapStateStarted).
import { STATES, type StatesError } from '../errors.ts';
import type { Frame } from './execution.ts';

const reported = new WeakSet<StatesError>();

export function recordEvaluationFailure(frame: Frame, state: string, error: StatesError): void {
  if (error.error !== STATES.QueryEvaluationError || reported.has(error)) return;
  reported.add(error);
  frame.execution.history.add(frame.thread, 'EvaluationFailed', { error: error.error, cause: error.cause, state });
}

const CONTAINER_FAILED: Readonly<Record<string, string>> = { Map: 'MapStateFailed', Parallel: 'ParallelStateFailed' };

export function recordContainerFailure(frame: Frame, type: string): void {
  const event = CONTAINER_FAILED[type];
  if (event) frame.execution.history.add(frame.thread, event);
}
