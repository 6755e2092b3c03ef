import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../aws/index.ts';

/** The CLI entry, so children run the same stepforge as the dev loop, wherever it was started from. */
export const STEPFORGE_BIN = fileURLToPath(new URL('../../bin/stepforge.mjs', import.meta.url));

export interface StepforgeChild {
  readonly label: string;
  readonly process: ChildProcess;
  /** Settles with the exit code (or 1 when killed by a signal). */
  readonly exited: Promise<number>;
  /** Its last few stderr lines, for the crash report of a child that keeps dying. */
  recentStderr(): readonly string[];
}

const KEPT_STDERR_LINES = 5;

function prefixLines(
  label: string,
  write: (text: string) => void,
  onLine: (line: string) => void = () => {},
): (chunk: Buffer) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      onLine(line);
      write(`[${label}] ${line}\n`);
    }
  };
}

/** Runs `stepforge <args>` as a child whose output lines are labelled, so interleaved logs stay readable. */
export function spawnStepforge(
  label: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): StepforgeChild {
  // Its own process group: Ctrl-C in the terminal reaches only the dev loop, which then sends each child one SIGTERM.
  // A worker takes a second signal as "cut the grace period short", so the terminal's SIGINT must not reach it too.
  // Should the dev loop itself die, its children go with it instead of living on in their own group: on a clean exit
  // it signals them; if it is killed outright, the stdin pipe it holds closes and each child leaves by itself
  // (STEPFORGE_EXIT_WITH_PARENT, see src/cli/exit-with-parent.ts).
  const child = spawn(process.execPath, [STEPFORGE_BIN, ...args], {
    cwd,
    env: { ...env, STEPFORGE_EXIT_WITH_PARENT: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.stdout!.on(
    'data',
    prefixLines(label, (text) => process.stdout.write(text)),
  );
  const stderrTail: string[] = [];
  const keep = (line: string) => {
    if (!line.trim()) return;
    stderrTail.push(line);
    if (stderrTail.length > KEPT_STDERR_LINES) stderrTail.shift();
  };
  child.stderr!.on(
    'data',
    prefixLines(label, (text) => process.stderr.write(text), keep),
  );
  const exited = new Promise<number>((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (code) => {
      process.removeListener('exit', killOnExit);
      resolve(code ?? 1);
    });
  });
  return { label, process: child, exited, recentStderr: () => [...stderrTail] };
}

/** Runs a one-shot command to its end. */
export async function runStepforge(
  label: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<number> {
  return spawnStepforge(label, args, env, cwd).exited;
}

/** SIGTERM (workers finish in-flight work within their grace period), then SIGKILL what is still there. */
export async function stopChildren(
  children: readonly StepforgeChild[],
  graceMs: number,
  logger: Logger,
): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.process.exitCode !== null || child.process.signalCode !== null) return;
      child.process.kill('SIGTERM');
      const timer = setTimeout(() => {
        logger.warn('child did not stop in time; killing it', { child: child.label, pid: child.process.pid });
        child.process.kill('SIGKILL');
      }, graceMs);
      await child.exited;
      clearTimeout(timer);
    }),
  );
}
