import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalStackError } from './localstack-error.ts';
import { processAlive } from './process-group.ts';

/**
 * One `start` at a time per state folder: two at once (two terminals, or a test run and `npm start`) would otherwise
 * both install into the same venv or both spawn a LocalStack for the same port. `mkdir` is atomic on every
 * filesystem, and the holder's pid inside lets a lock left by a killed process be taken over.
 */
export async function withStateLock<T>(stateDir: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const lockDir = join(stateDir, 'start.lock');
  const owner = join(lockDir, 'pid');
  mkdirSync(stateDir, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(owner, `${process.pid}\n`);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readOwner(owner));
    // A just-created lock may not have its pid written yet: only a pid that is known and dead is stale.
    if (holder > 0 && !processAlive(holder)) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new LocalStackError(`another stepforge process (pid ${holder || 'unknown'}) holds ${lockDir}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function readOwner(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}
