/** What LocalStack's `GET /_localstack/health` answers. */
export interface LocalStackHealth {
  readonly version: string;
  readonly edition: string;
  readonly services: Readonly<Record<string, string>>;
}

/** The services stepforge uses; `start` returns once all of them are up. */
export const REQUIRED_SERVICES = ['s3', 'sqs', 'stepfunctions'] as const;

/**
 * What our LocalStack runs. STS too: Step Functions assumes the execution role (AssumeRole) before every service
 * integration (`sqs:sendMessage.waitForTaskToken`, Distributed Map's ItemReader/ResultWriter) and fails the state
 * with "Service 'sts' is not enabled" without it.
 */
export const STARTED_SERVICES = [...REQUIRED_SERVICES, 'sts'] as const;

export type PortState =
  | { readonly kind: 'free' }
  | { readonly kind: 'localstack'; readonly health: LocalStackHealth }
  | { readonly kind: 'other'; readonly detail: string };

export function endpointFor(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** Asks the port what it is: nothing, a LocalStack (with its health), or something else. */
export function probePort(port: number, timeoutMs = 2_000): Promise<PortState> {
  return probeEndpoint(endpointFor(port), timeoutMs);
}

/**
 * Asks an endpoint (`http://127.0.0.1:4566`, any host) what it is, through `GET /_localstack/health`. The one health
 * probe: the CLI, the dev loop, `npm test` (scripts/test.mjs) and the test helpers all ask through it.
 */
export async function probeEndpoint(endpoint: string | URL, timeoutMs = 2_000): Promise<PortState> {
  let response: Response;
  try {
    response = await fetch(new URL('/_localstack/health', endpoint), { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === 'ECONNREFUSED') return { kind: 'free' };
    return { kind: 'other', detail: `no health answer: ${code ?? (error as Error).message}` };
  }
  const body = await response.text();
  try {
    const parsed = JSON.parse(body) as Partial<LocalStackHealth>;
    if (response.ok && parsed.services && typeof parsed.services === 'object') {
      return {
        kind: 'localstack',
        health: {
          version: String(parsed.version ?? 'unknown'),
          edition: String(parsed.edition ?? 'unknown'),
          services: parsed.services,
        },
      };
    }
  } catch {
    // not JSON: some other server holds the port
  }
  return { kind: 'other', detail: `HTTP ${response.status} ${body.slice(0, 80)}` };
}

/** `available` counts: a LocalStack without eager loading starts a service on its first request. */
export function missingServices(health: LocalStackHealth, wanted: readonly string[] = REQUIRED_SERVICES): string[] {
  return wanted.filter((name) => !['running', 'available'].includes(health.services[name] ?? ''));
}
