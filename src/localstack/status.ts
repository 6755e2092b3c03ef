import { endpointFor, probePort } from './health.ts';
import { recordedProcess } from './recorded-process.ts';
import { DEFAULT_PORT, localStackPaths } from './state-paths.ts';

export interface LocalStackStatus {
  readonly endpoint: string;
  readonly port: number;
  readonly running: boolean;
  /** `stepforge` when our recorded process serves it, `external` for a LocalStack someone else started. */
  readonly managedBy: 'stepforge' | 'external' | undefined;
  readonly pid: number | undefined;
  readonly version: string | undefined;
  readonly services: Readonly<Record<string, string>>;
  readonly log: string | undefined;
  readonly detail: string | undefined;
}

export async function localStackStatus(port: number = DEFAULT_PORT): Promise<LocalStackStatus> {
  const paths = localStackPaths(port);
  const pid = recordedProcess(port);
  const state = await probePort(port);
  const health = state.kind === 'localstack' ? state.health : undefined;
  const services = health
    ? Object.fromEntries(Object.entries(health.services).filter(([, status]) => status !== 'disabled'))
    : {};
  return {
    endpoint: endpointFor(port),
    port,
    running: health !== undefined,
    managedBy: pid !== undefined ? 'stepforge' : health ? 'external' : undefined,
    pid,
    version: health?.version,
    services,
    log: pid !== undefined ? paths.log : undefined,
    detail:
      state.kind === 'other'
        ? state.detail
        : pid !== undefined && !health
          ? 'process alive but not answering'
          : undefined,
  };
}
