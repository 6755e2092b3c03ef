// Child processes of the bench (`stepforge serve`, `stepforge worker`): their output goes to a log file, and a stdin
// pipe with STEPFORGE_EXIT_WITH_PARENT=1 makes them stop if the bench itself dies (src/cli/exit-with-parent.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/stepforge.mjs', import.meta.url));

export interface Child {
  readonly process: ChildProcess;
  readonly exited: Promise<number | string>;
  /** Whether it is still running. */
  alive(): boolean;
  /** Resolves with the first match of `pattern` in its output (stdout + stderr), or rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then SIGKILL when it has not exited after `graceMs`; resolves once it has exited. */
  stop(graceMs: number): Promise<void>;
}

export function startStepforge(args: readonly string[], logFile: string, env: NodeJS.ProcessEnv = process.env): Child {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...env, STEPFORGE_EXIT_WITH_PARENT: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile, { flags: 'a' });
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    log.write(chunk);
    if (output.length < 65_536) output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => {
      log.end();
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    process: child,
    exited,
    alive,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) done(() => resolve(match));
          else if (!alive())
            done(() => reject(new Error(`stepforge ${args[0]} exited before printing ${pattern} (log: ${logFile})`)));
        };
        const timer = setTimeout(
          () =>
            done(() =>
              reject(new Error(`stepforge ${args[0]} printed no ${pattern} in ${timeoutMs} ms (log: ${logFile})`)),
            ),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          void exited.then(() => listeners.delete(check));
          settle();
        };
        listeners.add(check);
        void exited.then(check);
        check();
      }),
    stop: async (graceMs) => {
      if (!alive()) return void (await exited);
      child.kill('SIGTERM');
      const timer = setTimeout(() => alive() && child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
