import { readPidFile, removePidFile } from './pid-file.ts';
import { isLocalStackProcess } from './process-group.ts';
import { localStackPaths } from './state-paths.ts';

/** Our recorded process for this port if it is still alive; a stale pid file is removed on the way. */
export function recordedProcess(port: number): number | undefined {
  const { pidFile } = localStackPaths(port);
  const pid = readPidFile(pidFile);
  if (pid === undefined) return undefined;
  if (isLocalStackProcess(pid)) return pid;
  removePidFile(pidFile);
  return undefined;
}
