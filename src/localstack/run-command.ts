import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { LocalStackError } from './localstack-error.ts';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Output also goes here, so a failed install can be read after the fact. */
  readonly logFile?: string;
  readonly timeoutMs?: number;
}

/** Runs a program to completion and collects its output; never throws for a non-zero exit (see `runOrThrow`). */
export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    const record = (chunk: Buffer) => {
      if (options.logFile) appendFileSync(options.logFile, chunk);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      record(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      record(chunk);
    });
    child.on('error', (error) => resolvePromise({ code: 127, stdout, stderr: `${stderr}${error.message}` }));
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
  });
}

export async function runOrThrow(what: string, command: string, args: readonly string[], options: RunOptions = {}) {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new LocalStackError(`${what} failed (exit ${result.code}): ${command} ${args.join(' ')}\n${tail}`);
  }
  return result;
}
