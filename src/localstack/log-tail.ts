import { readFileSync } from 'node:fs';

/** The last lines of a log, for error messages; empty when the file does not exist. */
export function logTail(path: string, lines = 30): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
