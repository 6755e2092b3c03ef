import { chmod, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The workerd binary miniflare would start: the `workerd` package miniflare itself depends on. */
function workerdBinary(): string {
  const fromMiniflare = createRequire(createRequire(import.meta.url).resolve('miniflare'));
  return (fromMiniflare('workerd') as { default: string }).default;
}

/**
 * A script miniflare starts in workerd's place (`MINIFLARE_WORKERD_PATH`): it becomes workerd (exec, same pid, same
 * pipes) and leaves a watcher beside it that kills workerd once the process that started it is gone. miniflare's
 * exit hook stops workerd on every exit but SIGKILL, which no hook sees; without this workerd would live on holding
 * the port. The watcher polls once a second with `kill -0` (no Node API gives a parent-death signal).
 */
export function parentBoundScript(workerd: string): string {
  return `#!/bin/sh
parent=$PPID
self=$$
(
  while kill -0 "$parent" 2>/dev/null && kill -0 "$self" 2>/dev/null; do sleep 1; done
  kill -0 "$parent" 2>/dev/null || kill -KILL "$self" 2>/dev/null
) </dev/null >/dev/null 2>&1 3>&- &
exec ${JSON.stringify(workerd)} "$@"
`;
}

/**
 * Runs `start` (which makes miniflare spawn workerd) with workerd bound to this process's life, on POSIX systems and
 * unless MINIFLARE_WORKERD_PATH is already set; the variable is put back once workerd has started.
 */
export async function withParentBoundWorkerd<T>(dir: string, start: () => Promise<T>): Promise<T> {
  if (process.platform === 'win32' || process.env.MINIFLARE_WORKERD_PATH !== undefined) return start();
  const script = join(dir, 'workerd.sh');
  await writeFile(script, parentBoundScript(workerdBinary()));
  await chmod(script, 0o755);
  process.env.MINIFLARE_WORKERD_PATH = script;
  try {
    return await start();
  } finally {
    delete process.env.MINIFLARE_WORKERD_PATH;
  }
}
