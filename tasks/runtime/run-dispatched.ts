import { executeTask, type TaskOutcome } from './execute-task.ts';
import { startHeartbeat } from './heartbeat.ts';
import { type ReportStatus, reportResult } from './report-result.ts';
import type { TaskContext } from './task.ts';
import { WORKER_SHUTDOWN_ERROR } from './task-error.ts';
import type { WorkerState } from './worker-state.ts';

/** One task as Step Functions handed it over, whichever the dispatch. */
export interface DispatchedTask {
  readonly taskToken: string;
  readonly rawInput: unknown;
  /** Set when the envelope could not be read: the task fails with `<Prefix>.InvalidInput` without running. */
  readonly envelopeProblem?: string;
  readonly execution: string | undefined;
  readonly state: string | undefined;
  readonly requestId: string;
  readonly dispatch: 'activity' | 'queue';
  /** A queue message received before: its token may have died meanwhile (a lost worker's task, retried since). */
  readonly redelivered?: boolean;
}

function shutdownFailure(state: WorkerState, started: boolean): Extract<TaskOutcome, { ok: false }> {
  return {
    ok: false,
    error: WORKER_SHUTDOWN_ERROR,
    cause: started
      ? `worker ${state.workerName} shut down and its grace period of ${state.graceSeconds} s ended before the task finished`
      : `worker ${state.workerName} was shutting down and did not start the task`,
  };
}

function whenAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * Runs one dispatched task with heartbeats and answers Step Functions. Work that outlives the grace period is
 * abandoned (its signal aborted) and failed with Worker.Shutdown so the workflow's Retry can move it elsewhere.
 */
export async function runDispatched(state: WorkerState, task: DispatchedTask): Promise<ReportStatus> {
  const logger = state.logger.child({ task: state.definition.name, execution: task.execution, state: task.state });
  const logFields = { dispatch: task.dispatch, worker: state.workerName };
  let outcome: TaskOutcome;
  if (task.envelopeProblem !== undefined) {
    const error = `${state.definition.errorPrefix}.InvalidInput`;
    outcome = { ok: false, error, cause: task.envelopeProblem };
    logger.warn('task failed', { ...logFields, outcome: 'failure', error, cause: task.envelopeProblem });
  } else if (state.stopTaking.aborted) {
    outcome = shutdownFailure(state, false);
    logger.warn('task refused: shutting down', { ...logFields, outcome: 'failure', error: WORKER_SHUTDOWN_ERROR });
  } else {
    const heartbeat = startHeartbeat(state.clients.sfn, task.taskToken, state.heartbeatMs, logger);
    // A queue message can outlive its token: after a lost worker the workflow's Retry sends a new message, and the old
    // one comes back once its visibility timeout ends. One beat first finds a dead token before any work is done.
    // Only for a redelivered message: LocalStack keeps one token for all attempts of a state and answers the first
    // heartbeat of a retry with the previous attempt's failure, so beating a fresh message at once would fail it.
    if (task.redelivered) await heartbeat.beat();
    if (heartbeat.lost.aborted) {
      heartbeat.stop();
      logger.warn('stale task token: dropped without running the task', { ...logFields, outcome: 'stale' });
      return 'gone';
    }
    const context: TaskContext = {
      clients: state.clients,
      logger,
      signal: AbortSignal.any([state.hardStop, heartbeat.lost]),
      heartbeat: heartbeat.beat,
      requestId: task.requestId,
      env: state.env,
    };
    // A task that ignores its signal must not hold the worker past the grace period: stop waiting for it.
    const abandoned = whenAborted(context.signal).then(() => undefined);
    const finished = await Promise.race([executeTask(state.definition, task.rawInput, context, logFields), abandoned]);
    heartbeat.stop();
    if (heartbeat.lost.aborted) {
      logger.warn('task abandoned: Step Functions stopped waiting', { ...logFields, outcome: 'abandoned' });
      return 'gone';
    }
    const cutShort = finished === undefined || (state.hardStop.aborted && !finished.ok);
    outcome = cutShort ? shutdownFailure(state, true) : finished;
  }
  return reportResult(state.clients.sfn, task.taskToken, outcome, logger);
}
