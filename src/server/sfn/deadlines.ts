import { HttpProblem } from '../http/index.ts';
import type { CallOptions, SfnPort } from './port.ts';

/** How long the server waits for Step Functions before it answers 504 (AppOptions.upstreamTimeoutMs). */
export interface UpstreamDeadlines {
  /** DescribeExecution, ListExecutions, GetExecutionHistory, DescribeStateMachine. */
  readonly readMs: number;
  /** StartExecution and StopExecution; StartSyncExecution gets this plus the 5 minutes an EXPRESS run may take. */
  readonly startMs: number;
}

export const DEFAULT_DEADLINES: UpstreamDeadlines = { readMs: 10_000, startMs: 15_000 };

/** Step Functions' own limit on a synchronous EXPRESS execution. */
const SYNC_RUN_MS = 5 * 60_000;

/** The reason a call's signal is aborted with when its deadline passes (as opposed to the client going away). */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
  constructor(
    readonly operation: string,
    readonly ms: number,
  ) {
    super(`Step Functions: ${operation} did not answer within ${ms} ms`);
  }
}

/** The 504 a passed deadline becomes; `extra` lets a route say what the client can do about it. */
export function deadlineProblem(error: DeadlineExceeded, advice = '', extra: Readonly<Record<string, unknown>> = {}): HttpProblem {
  return new HttpProblem(504, 'Gateway Timeout', `${error.message}${advice}`, { upstream: 'Step Functions', operation: error.operation, ...extra });
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(signal.reason);
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

/**
 * Runs one upstream call with a deadline: past it the call's signal is aborted (the SDK drops the connection) and the
 * call fails with `DeadlineExceeded`, even if the port ignored the signal. `outer` (the client's request) aborts it too.
 */
async function callWithin<T>(operation: string, ms: number, outer: AbortSignal | undefined, call: (options: CallOptions) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineExceeded(operation, ms)), ms);
  const forward = () => controller.abort(outer?.reason);
  if (outer?.aborted) forward();
  else outer?.addEventListener('abort', forward, { once: true });
  try {
    const pending = call({ abortSignal: controller.signal });
    // The late rejection of an abandoned call must not surface as an unhandled one.
    pending.catch(() => {});
    return await Promise.race([pending, rejectOnAbort(controller.signal)]);
  } catch (error) {
    const reason: unknown = controller.signal.reason;
    throw controller.signal.aborted && reason instanceof DeadlineExceeded ? reason : error;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', forward);
  }
}

/** `port` with a deadline on every call, and every call given up when `outer` aborts (the client went away). */
export function withDeadlines(port: SfnPort, deadlines: UpstreamDeadlines, outer?: AbortSignal): SfnPort {
  const read = deadlines.readMs;
  const write = deadlines.startMs;
  return {
    startExecution: (input) => callWithin('StartExecution', write, outer, (options) => port.startExecution(input, options)),
    describeExecution: (input) => callWithin('DescribeExecution', read, outer, (options) => port.describeExecution(input, options)),
    listExecutions: (input) => callWithin('ListExecutions', read, outer, (options) => port.listExecutions(input, options)),
    getExecutionHistory: (input) => callWithin('GetExecutionHistory', read, outer, (options) => port.getExecutionHistory(input, options)),
    stopExecution: (input) => callWithin('StopExecution', write, outer, (options) => port.stopExecution(input, options)),
    startSyncExecution: (input) =>
      callWithin('StartSyncExecution', write + SYNC_RUN_MS, outer, (options) => port.startSyncExecution(input, options)),
    describeStateMachine: (input) =>
      callWithin('DescribeStateMachine', read, outer, (options) => port.describeStateMachine(input, options)),
  };
}
