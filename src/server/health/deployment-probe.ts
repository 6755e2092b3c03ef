import type { SfnPort } from '../sfn/index.ts';

/** How long `/health` (and the dev loop) waits for Step Functions before calling the endpoint hung. */
export const DEPLOYMENT_PROBE_TIMEOUT_MS = 3_000;

/** Why a deployment cannot serve: the endpoint refused or hung, answered with an error, or lacks state machines. */
export type DeploymentProbe =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'unreachable' | 'timeout' | 'error'; readonly cause: string }
  | { readonly ok: false; readonly reason: 'missing'; readonly missing: readonly string[] };

type Failure = { readonly reason: 'unreachable' | 'timeout' | 'error' | 'missing'; readonly cause: string };

/** Socket-level codes that mean nothing (or nothing willing) listens at the endpoint. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

function networkCode(error: unknown): string | undefined {
  const own = (error as { code?: unknown }).code;
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  for (const code of [own, cause]) if (typeof code === 'string' && UNREACHABLE.has(code)) return code;
  return undefined;
}

function classify(error: unknown, timedOut: boolean): Failure {
  const name = error instanceof Error ? error.name : '';
  if (name === 'StateMachineDoesNotExist') return { reason: 'missing', cause: name };
  if (timedOut || name === 'AbortError' || name === 'TimeoutError') return { reason: 'timeout', cause: 'no answer' };
  const code = networkCode(error);
  if (code) return { reason: 'unreachable', cause: code };
  return { reason: 'error', cause: `${name || 'Error'}: ${error instanceof Error ? error.message : String(error)}` };
}

const SEVERITY: readonly Failure['reason'][] = ['timeout', 'unreachable', 'error', 'missing'];

/**
 * Asks Step Functions for every deployed state machine at once, all bounded by one deadline, so a hung endpoint
 * costs `timeoutMs` and not a request each; the abort also frees the sockets instead of leaving them hanging.
 */
export async function probeDeployment(
  sfn: Pick<SfnPort, 'describeStateMachine'>,
  stateMachines: Readonly<Record<string, string>>,
  timeoutMs: number = DEPLOYMENT_PROBE_TIMEOUT_MS,
): Promise<DeploymentProbe> {
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, timeoutMs);
  try {
    const names = Object.keys(stateMachines).sort();
    const settled = await Promise.allSettled(
      names.map((name) =>
        sfn.describeStateMachine({ stateMachineArn: stateMachines[name]! }, { abortSignal: deadline.signal }),
      ),
    );
    const failures = settled.flatMap((result, index) =>
      result.status === 'rejected' ? [{ name: names[index]!, ...classify(result.reason, timedOut) }] : [],
    );
    if (!failures.length) return { ok: true };
    const worst = SEVERITY.find((reason) => failures.some((failure) => failure.reason === reason))!;
    if (worst === 'missing') return { ok: false, reason: 'missing', missing: failures.map((failure) => failure.name) };
    return { ok: false, reason: worst, cause: failures.find((failure) => failure.reason === worst)!.cause };
  } finally {
    clearTimeout(timer);
  }
}

/** One sentence for a log line or a problem's `detail`. */
export function describeProbe(
  probe: DeploymentProbe,
  endpoint: string,
  timeoutMs: number = DEPLOYMENT_PROBE_TIMEOUT_MS,
): string {
  if (probe.ok) return `the deployment is there at ${endpoint}`;
  switch (probe.reason) {
    case 'timeout':
      return `Step Functions at ${endpoint} did not answer within ${timeoutMs / 1000} s`;
    case 'unreachable':
      return `Step Functions at ${endpoint} is unreachable (${probe.cause})`;
    case 'error':
      return `Step Functions at ${endpoint} answered with an error (${probe.cause})`;
    case 'missing':
      return `the deployment is missing at ${endpoint}: no state machine for ${probe.missing.join(', ')} (redeploy)`;
  }
}
