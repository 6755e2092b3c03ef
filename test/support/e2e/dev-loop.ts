// Helpers for the tests that run `stepforge dev` as a user does: its output, the processes it started, executions.
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';

export interface WatchedOutput {
  text(): string;
  /** Waits for `pattern` in what arrives from now on. */
  next(pattern: RegExp, timeoutMs: number): Promise<void>;
}

/** Collects a child's output and resolves waits for a pattern in it. */
export function watchOutput(child: ChildProcess): WatchedOutput {
  let output = '';
  const waiters: { pattern: RegExp; from: number; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk;
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(output.slice(waiter.from))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return {
    text: () => output,
    next(pattern: RegExp, timeoutMs: number): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output}`)),
          timeoutMs,
        );
        const settle = () => {
          clearTimeout(timer);
          resolve();
        };
        waiters.push({ pattern, from: output.length, resolve: settle });
      });
    },
  };
}

export function processesMentioning(text: string): string[] {
  const lines = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs` with `what`. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Starts an execution through the dev loop's API and waits for it to leave RUNNING; returns its final status. */
export async function runThroughApi(
  api: string,
  workflow: string,
  input: unknown,
  timeoutMs = 60_000,
): Promise<string> {
  const started = await fetch(`${api}/workflows/${workflow}/executions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  if (started.status !== 201) throw new Error(`POST ${workflow}: ${started.status} ${await started.text()}`);
  const { links } = (await started.json()) as { links: { self: string } };
  return waitFor(`execution of ${workflow} ends`, timeoutMs, async () => {
    const { status } = (await (await fetch(`${api}${links.self}`)).json()) as { status: string };
    return status === 'RUNNING' ? undefined : status;
  });
}
