import { readdirSync } from 'node:fs';
import { endpointFor } from './health.ts';
import { recordedProcess } from './recorded-process.ts';
import { liveStackRecords } from './stack-record.ts';
import { DEFAULT_PORT, localStackPaths } from './state-paths.ts';

export interface RunningStack {
  readonly endpoint: string;
  /** The dev loop's pid, or the LocalStack's for one started by `stepforge localstack start`. */
  readonly pid: number;
  readonly startedBy: 'stepforge dev' | 'stepforge localstack start';
}

/** Ports with a pid file in the state folder, the default port first. */
function recordedPorts(): number[] {
  let names: string[];
  try {
    names = readdirSync(localStackPaths(DEFAULT_PORT).stateDir);
  } catch {
    return [];
  }
  const ports = names.flatMap((name) => {
    const match = /^localstack(?:-(\d+))?\.pid$/.exec(name);
    return match ? [match[1] ? Number(match[1]) : DEFAULT_PORT] : [];
  });
  return ports.sort((a, b) => (a === DEFAULT_PORT ? -1 : b === DEFAULT_PORT ? 1 : a - b));
}

/**
 * The LocalStack this project runs, if any: a live `stepforge dev` of this project (it knows its endpoint even when
 * it reuses a LocalStack it did not start), else a LocalStack `stepforge localstack start` recorded in the state folder.
 */
export function findRunningStack(project: string = process.cwd()): RunningStack | undefined {
  const [loop] = liveStackRecords(project);
  if (loop) return { endpoint: loop.endpoint, pid: loop.pid, startedBy: 'stepforge dev' };
  for (const port of recordedPorts()) {
    const pid = recordedProcess(port);
    if (pid !== undefined) return { endpoint: endpointFor(port), pid, startedBy: 'stepforge localstack start' };
  }
  return undefined;
}
