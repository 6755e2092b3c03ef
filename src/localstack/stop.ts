import type { Logger } from '../aws/index.ts';
import { readPidFile, removePidFile } from './pid-file.ts';
import { terminateGroup } from './process-group.ts';
import { recordedProcess } from './recorded-process.ts';
import { DEFAULT_PORT, localStackPaths } from './state-paths.ts';

export interface StopResult {
  readonly stopped: boolean;
  readonly pid: number | undefined;
  readonly detail: string;
}

/** Stops exactly the process group this project recorded for the port; anything else on the port is left alone. */
export async function stopLocalStack(options: {
  readonly port?: number;
  readonly logger: Logger;
  readonly graceMs?: number;
}): Promise<StopResult> {
  const port = options.port ?? DEFAULT_PORT;
  const paths = localStackPaths(port);
  const recorded = readPidFile(paths.pidFile);
  const pid = recordedProcess(port);
  if (pid === undefined) {
    const detail =
      recorded === undefined
        ? `no LocalStack started by stepforge on port ${port}`
        : `stale pid file (pid ${recorded} is not a running LocalStack) removed`;
    return { stopped: false, pid: recorded, detail };
  }
  const how = await terminateGroup(pid, options.graceMs ?? 20_000);
  removePidFile(paths.pidFile);
  options.logger.info('LocalStack stopped', { port, pid, how });
  return { stopped: true, pid, detail: how };
}
