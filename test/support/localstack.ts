import { ACTIVITY_POLL_TIMEOUT_MS, type AwsClients, createAwsClients, readAwsConfig } from '../../src/aws/index.ts';

/** Clients for the LocalStack that scripts/test.mjs guarantees (AWS_ENDPOINT_URL), with a poll-proof timeout. */
export function testClients(): AwsClients {
  return createAwsClients(readAwsConfig(), { requestTimeoutMs: ACTIVITY_POLL_TIMEOUT_MS });
}

/** Names unique per run: the LocalStack is shared with other suites and other people. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export const TEST_ROLE = 'arn:aws:iam::000000000000:role/stepforge-test';

export function endpointPort(): number {
  const endpoint = new URL(process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566');
  return Number(endpoint.port || 80);
}

export async function eventually<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
