// What a task-container step gets unless its options say otherwise: a TimeoutSeconds that fits the work, a
// HeartbeatSeconds that notices a dead worker, and a Retry for losing the worker where running the task again is safe.
import { Errors, type RetryOptions } from '../retry-catch.ts';
import type { TaskContainerName } from './payloads.ts';

/** The worker runtime's default heartbeat interval (`stepforge worker --heartbeat-seconds`, tasks/runtime/worker.ts). */
export const WORKER_HEARTBEAT_INTERVAL_SECONDS = 10;

/** The error a worker reports when it gives a task up on shutdown (tasks/runtime/task-error.ts). */
export const WORKER_SHUTDOWN_ERROR = 'Worker.Shutdown';

export interface WorkerDefaults {
  /** Bounds a task that hangs while its worker keeps heartbeating: generous, it must never cut real work short. */
  readonly timeoutSeconds: number;
  /** Six worker heartbeats: one or two lost beats are harmless, a dead worker is noticed within a minute. */
  readonly heartbeatSeconds: number;
}

const HOUR = 3600;
const HEARTBEAT_SECONDS = 6 * WORKER_HEARTBEAT_INTERVAL_SECONDS;

export const WORKER_DEFAULTS: Readonly<Record<TaskContainerName, WorkerDefaults>> = {
  // Lists every page of a bucket and publishes a message per object: millions of objects take a while.
  'list-and-publish': { timeoutSeconds: 1 * HOUR, heartbeatSeconds: HEARTBEAT_SECONDS },
  // Drains a queue until it stays idle: as long as messages keep coming.
  consume: { timeoutSeconds: 6 * HOUR, heartbeatSeconds: HEARTBEAT_SECONDS },
  // One object through one action (an upload of a large object included).
  action: { timeoutSeconds: 1 * HOUR, heartbeatSeconds: HEARTBEAT_SECONDS },
  // Streams every source into one zip: many or large files take hours.
  'zip-archive': { timeoutSeconds: 6 * HOUR, heartbeatSeconds: HEARTBEAT_SECONDS },
};

/** A project's own task (`defineTask`): an hour like the action task, the same heartbeat. */
export const USER_TASK_DEFAULTS: WorkerDefaults = { timeoutSeconds: 1 * HOUR, heartbeatSeconds: HEARTBEAT_SECONDS };

/**
 * The errors that mean "the worker was lost", not "the work failed": a worker that gave the task up on shutdown, and
 * one that stopped heartbeating (killed, crashed, cut off). LocalStack reports a missed heartbeat as States.Timeout
 * (AWS as States.HeartbeatTimeout), so States.Timeout is retried too; on AWS it then also re-runs a task that hit
 * TimeoutSeconds, which the defaults put far above the work's expected time.
 */
export const WORKER_LOSS_ERRORS: readonly string[] = [WORKER_SHUTDOWN_ERROR, Errors.HeartbeatTimeout, Errors.Timeout];

/** The retrier's policy; its `errors` are always WORKER_LOSS_ERRORS (less any a user retrier already handles). */
export type WorkerLossRetry = Omit<RetryOptions, 'errors'>;

export const DEFAULT_WORKER_LOSS_RETRY: WorkerLossRetry = { intervalSeconds: 2, maxAttempts: 2, backoffRate: 2 };

/** Errors that a retrier matches although they are not named: the wildcards of ASL. */
const WILDCARDS: Readonly<Record<string, (error: string) => boolean>> = {
  [Errors.ALL]: () => true,
  // States.TaskFailed matches any error but States.Timeout.
  [Errors.TaskFailed]: (error) => error !== Errors.Timeout,
};

function handledBy(retriers: readonly RetryOptions[], error: string): boolean {
  return retriers.some((retrier) =>
    (retrier.errors ?? [Errors.ALL]).some((name) => name === error || WILDCARDS[name]?.(error) === true),
  );
}

/**
 * The user's retriers, then the worker-loss retrier for the errors none of them already handles. A user retrier
 * naming one of those errors (or a States.ALL/States.TaskFailed wildcard) wins for it, since the first match applies;
 * appending keeps a user's States.ALL last, as ASL requires (the default is dropped then: States.ALL covers it).
 */
export function withWorkerLossRetry(
  retriers: readonly RetryOptions[],
  policy: WorkerLossRetry | false,
): RetryOptions[] {
  if (policy === false) return [...retriers];
  const errors = WORKER_LOSS_ERRORS.filter((error) => !handledBy(retriers, error));
  if (errors.length === 0) return [...retriers];
  return [...retriers, { ...policy, errors }];
}
