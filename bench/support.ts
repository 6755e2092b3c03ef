// What every bench shares: its command-line numbers, the median it reports, LocalStack defaults (so a bench runs
// against `npx stepforge localstack start` with no environment set) and a simulated network round trip.
import type { AwsClients } from '../src/aws/index.ts';

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
  target.s3.middlewareStack.add((next) => async (args) => (await pause(), next(args)), options);
  target.sqs.middlewareStack.add((next) => async (args) => (await pause(), next(args)), options);
  target.sfn.middlewareStack.add((next) => async (args) => (await pause(), next(args)), options);
  return target;
}
