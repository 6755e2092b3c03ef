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
export function deadlineProblem(
  error: DeadlineExceeded,
  advice = '',
  extra: Readonly<Record<string, unknown>> = {},
): HttpProblem {
  return new HttpProblem(504, 'Gateway Timeout', `${error.message}${advice}`, {
    upstream: 'Step Functions',
    operation: error.operation,
    ...extra,
  });
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
async function callWithin<T>(
  operation: string,
  ms: number,
  outer: AbortSignal | undefined,
  call: (options: CallOptions) => Promise<T>,
): Promise<T> {
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

/** The signals a call is given up on: the client's request, and the caller's own (e.g. /health's shorter bound). */
function eitherSignal(outer: AbortSignal | undefined, own: CallOptions | undefined): AbortSignal | undefined {
  const signals = [outer, own?.abortSignal].filter((signal): signal is AbortSignal => signal !== undefined);
  return signals.length > 1 ? AbortSignal.any(signals) : signals[0];
}

/** `port` with a deadline on every call, and every call given up when `outer` aborts (the client went away). */
export function withDeadlines(port: SfnPort, deadlines: UpstreamDeadlines, outer?: AbortSignal): SfnPort {
  const read = deadlines.readMs;
  const write = deadlines.startMs;
  const within = <T>(
    operation: string,
    ms: number,
    own: CallOptions | undefined,
    call: (options: CallOptions) => Promise<T>,
  ) => callWithin(operation, ms, eitherSignal(outer, own), call);
  return {
    startExecution: (input, own) =>
      within('StartExecution', write, own, (options) => port.startExecution(input, options)),
    describeExecution: (input, own) =>
      within('DescribeExecution', read, own, (options) => port.describeExecution(input, options)),
    listExecutions: (input, own) =>
      within('ListExecutions', read, own, (options) => port.listExecutions(input, options)),
    getExecutionHistory: (input, own) =>
      within('GetExecutionHistory', read, own, (options) => port.getExecutionHistory(input, options)),
    stopExecution: (input, own) => within('StopExecution', write, own, (options) => port.stopExecution(input, options)),
    startSyncExecution: (input, own) =>
      within('StartSyncExecution', write + SYNC_RUN_MS, own, (options) => port.startSyncExecution(input, options)),
    describeStateMachine: (input, own) =>
      within('DescribeStateMachine', read, own, (options) => port.describeStateMachine(input, options)),
  };
}
