// What every bench shares: its command-line numbers, the median it reports, LocalStack defaults (so a bench runs
// against `npx stepforge localstack start` with no environment set) and a simulated network round trip.
import { readFileSync } from 'node:fs';
import type { AwsClients } from '../src/aws/index.ts';
import { localStackPaths } from '../src/localstack/index.ts';
import { readPidFile } from '../src/localstack/pid-file.ts';

/** `--name N` from the command line, else the fallback. */
export function numberOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

/** The middle value (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Point the AWS clients at the project's LocalStack unless the environment says otherwise. Call before creating clients. */
export function useLocalStackDefaults(): void {
  process.env.AWS_ENDPOINT_URL ??= 'http://127.0.0.1:4566';
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
  // As bin/stepforge.mjs does: the SDK's Node 20 deprecation notice says nothing about the figures.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/**
 * Adds `ms` before every request of these clients: LocalStack answers in well under a millisecond of network time,
 * AWS does not, and batching and concurrency pay off in proportion to the round trip.
 */
export function withLatency(target: AwsClients, ms: number): AwsClients {
  const pause = () => new Promise((resolve) => setTimeout(resolve, ms));
  const options = { step: 'finalizeRequest', name: 'simulatedLatency' } as const;
  target.s3.middlewareStack.add(
    (next) => async (args) => {
      await pause();
      return next(args);
    },
    options,
  );
  target.sqs.middlewareStack.add(
    (next) => async (args) => {
      await pause();
      return next(args);
    },
    options,
  );
  target.sfn.middlewareStack.add(
    (next) => async (args) => {
      await pause();
      return next(args);
    },
    options,
  );
  return target;
}

/** User + system CPU seconds a process has used so far, from /proc (Linux); undefined where it cannot be read. */
function processCpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces) start at `state`; utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS_PER_SECOND = 100;

/** The pid of the project's LocalStack serving AWS_ENDPOINT_URL, when it is one this checkout started. */
function localStackPid(): number | undefined {
  const port = Number(new URL(process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566').port || 80);
  return readPidFile(localStackPaths(port).pidFile);
}

/**
 * Runs `work` and says how busy the bench process and LocalStack were meanwhile, in cores (CPU time / wall time).
 * On a 2-core machine a LocalStack near 1 core (it is one Python process) means the server, not the client's
 * algorithm, set the pace of that measurement.
 */
export async function measureCpu<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; cpu: string }> {
  const pid = localStackPid();
  const serverBefore = pid === undefined ? undefined : processCpuSeconds(pid);
  const benchBefore = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const bench = process.cpuUsage(benchBefore);
  const serverAfter = pid === undefined ? undefined : processCpuSeconds(pid);
  const benchCores = (bench.user + bench.system) / 1e6 / seconds;
  const server =
    serverBefore === undefined || serverAfter === undefined
      ? 'LocalStack not local'
      : `LocalStack ${((serverAfter - serverBefore) / seconds).toFixed(2)}`;
  return { result, seconds, cpu: `CPU cores: bench ${benchCores.toFixed(2)}, ${server}` };
}

/**
 * How a pipeline's ratio to a one-at-a-time baseline reads against its goal. With no round trip the baseline's
 * requests are not waiting on the network, so both sides run at the server's pace and the ratio measures the server;
 * the goal is judged where requests cost a round trip, as against AWS.
 */
export function ratioVerdict(ratio: number, goal: number, addedLatencyMs: number): string {
  const figure = `${ratio.toFixed(2)}x`;
  if (addedLatencyMs === 0)
    return `${figure} (server-bound: see LocalStack's CPU above; the goal of ${goal}x is judged with a round trip)`;
  return `${figure} (goal >= ${goal}x: ${ratio >= goal ? 'met' : 'NOT met'})`;
}
