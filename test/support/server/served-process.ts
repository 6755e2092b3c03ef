// A server started as its own process (`stepforge serve ...`), found by the URL it prints, stopped with SIGTERM.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;

export interface ServedProcess {
  readonly url: string;
  readonly pid: number;
  /** Everything it printed so far. */
  output(): string;
  /** Its child processes named `command` now (workerd under the Node process that runs miniflare). */
  children(command: string): number[];
  /** SIGTERM, then the exit code (SIGKILL after 10 s). */
  stop(): Promise<number | null>;
}

/** Writes `files` into a fresh temporary build folder; `remove` deletes it. */
export function writeBuildDir(files: Readonly<Record<string, string>>): { readonly dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'stepforge-served-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `node bin/stepforge.mjs <args>`; resolves once it prints `stepforge server: <url>` (within 60 s). */
export function serveProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<ServedProcess> {
  const child = spawn(process.execPath, [join(root, 'bin/stepforge.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`no "stepforge server:" line within 60 s: ${output}`));
    }, 60_000);
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /stepforge server: (\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', seen);
      child.stdout!.on('data', (more: Buffer) => (output += more.toString()));
      resolve({
        url: match[1]!,
        pid: child.pid!,
        output: () => output,
        children: (command) => {
          try {
            return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(child.pid)], { encoding: 'utf8' })
              .split('\n')
              .map((line) => line.trim().split(/\s+/))
              .filter(([, name]) => name === command)
              .map(([pid]) => Number(pid));
          } catch {
            return []; // ps exits 1 when there are none
          }
        },
        stop,
      });
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${output}`));
    });
  });
}

/** True while a process with this id exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
