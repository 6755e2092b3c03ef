import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** The pid file holds the pid alone (the file name carries the port), the way most tools write one. */
export function readPidFile(path: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

export function writePidFile(path: string, pid: number): void {
  writeFileSync(path, `${pid}\n`);
}

export function removePidFile(path: string): void {
  rmSync(path, { force: true });
}
