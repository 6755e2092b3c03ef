import { existsSync, readFileSync } from 'node:fs';

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** True while any process of the group led by `pid` exists (signal 0 only checks). */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Guards against pid reuse: a recorded pid only counts as ours if that process runs LocalStack. Where /proc does not
 * exist (macOS) the command line cannot be read and a live pid is trusted.
 */
export function isLocalStackProcess(pid: number): boolean {
  return commandLineMatches(pid, (args) => args.includes('localstack.runtime.main'));
}

/** The same guard for a recorded `stepforge dev` loop: a node process whose arguments are `.../stepforge... dev`. */
export function isDevLoopProcess(pid: number): boolean {
  return commandLineMatches(pid, (args) => args.some((arg) => arg.includes('stepforge')) && args.includes('dev'));
}

function commandLineMatches(pid: number, test: (args: string[]) => boolean): boolean {
  if (!existsSync('/proc/self/cmdline')) return processAlive(pid);
  try {
    return test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (errorCode(error) !== 'ESRCH') throw error;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!groupAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return !groupAlive(pid);
}

/** SIGTERM to the whole group (LocalStack shuts down cleanly in a few seconds), SIGKILL if it overstays. */
export async function terminateGroup(pid: number, graceMs: number): Promise<'terminated' | 'killed'> {
  signalGroup(pid, 'SIGTERM');
  if (await waitUntilGone(pid, graceMs)) return 'terminated';
  signalGroup(pid, 'SIGKILL');
  await waitUntilGone(pid, 5_000);
  return 'killed';
}
