import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The three runtimes stepforge's runtime code must work on. */
export const RUNTIMES = ['node', 'bun', 'deno'] as const;
export type Runtime = (typeof RUNTIMES)[number];

const root = new URL('../..', import.meta.url).pathname;

export interface RunResult {
  readonly runtime: Runtime;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunUnderOptions {
  readonly args?: readonly string[];
  /** Added to (and overriding) the parent's environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
  readonly stdin?: string;
}

/**
 * The command line that runs a TypeScript file: Node through the tsx loader (as bin/stepforge.mjs does), Bun
 * directly, Deno with `run -A` (it reads package.json and node_modules for the npm imports).
 */
export function commandFor(runtime: Runtime, file: string, args: readonly string[] = []): [string, string[]] {
  const bin = (name: string) => join(root, 'node_modules', '.bin', name);
  switch (runtime) {
    case 'node':
      return [process.execPath, ['--import', 'tsx', file, ...args]];
    case 'bun':
      return [bin('bun'), ['run', file, ...args]];
    case 'deno':
      return [bin('deno'), ['run', '-A', '--quiet', file, ...args]];
  }
}

/** Runs a TypeScript file to completion under one runtime, from the project root, and collects its output. */
export function runUnder(runtime: Runtime, file: string, options: RunUnderOptions = {}): Promise<RunResult> {
  const [command, args] = commandFor(runtime, file, options.args);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ runtime, code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
