// Retry and Catch for Task, Parallel and Map. The first Retrier whose ErrorEquals matches decides: while it has
// attempts left the state runs again after IntervalSeconds * BackoffRate^n (capped by MaxDelaySeconds, drawn
// uniformly below that with JitterStrategy FULL); once it is exhausted (or none matched) the first matching Catcher,
// in order, takes the error output {Error, Cause} to its Next. No match: the state fails with the error.
import { errorMatches, RunnerError, toStatesError } from '../errors.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { recordContainerFailure, recordEvaluationFailure } from './failure-events.ts';
import { nextOf, type Outcome } from './outcome.ts';
import type { StateRun } from './state-run.ts';

const DEFAULTS = { IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 } as const;

export async function withRetryAndCatch(run: StateRun, attempt: () => Promise<JsonValue>): Promise<Outcome> {
  const retriers = listOf(run.state.Retry);
  const catchers = listOf(run.state.Catch);
  const retriesUsed = retriers.map(() => 0);
  for (;;) {
    try {
      return { output: await attempt(), next: nextOf(run.state) };
    } catch (thrown) {
      // A runner mistake, or the execution (or a sibling branch) ending: no Retry or Catch applies.
      if (thrown instanceof RunnerError || run.frame.signal.aborted) throw thrown;
      const error = toStatesError(thrown);
      recordEvaluationFailure(run.frame, run.name, error);
      const index = retriers.findIndex((retrier) => errorMatches(stringList(retrier.ErrorEquals), error.error));
      const retrier = retriers[index];
      if (retrier && (retriesUsed[index] as number) < numberOr(retrier.MaxAttempts, DEFAULTS.MaxAttempts)) {
        const delayMs = retryDelayMs(retrier, retriesUsed[index] as number, run.frame.execution.random);
        retriesUsed[index] = (retriesUsed[index] as number) + 1;
        run.retryCount += 1;
        await run.frame.execution.clock.sleep(delayMs, run.frame.signal);
        continue;
      }
      recordContainerFailure(run.frame, String(run.state.Type));
      const catcher = catchers.find((candidate) => errorMatches(stringList(candidate.ErrorEquals), error.error));
      if (!catcher) throw error;
      const output = await run.caught(catcher, { Error: error.error, Cause: error.cause });
      return { output, next: String(catcher.Next), caught: true };
    }
  }
}

/** The wait before retry number `retry` (0 for the first retry) of this Retrier. */
export function retryDelayMs(retrier: JsonObject, retry: number, random: () => number): number {
  const interval = numberOr(retrier.IntervalSeconds, DEFAULTS.IntervalSeconds);
  const backoff = numberOr(retrier.BackoffRate, DEFAULTS.BackoffRate);
  let seconds = interval * backoff ** retry;
  if (typeof retrier.MaxDelaySeconds === 'number') seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds *= random();
  return seconds * 1000;
}

function listOf(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? (value as JsonObject[]) : [];
}

function stringList(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function numberOr(value: JsonValue | undefined, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
