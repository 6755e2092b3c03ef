import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { REQUIREMENTS_LOCK } from './state-paths.ts';

export interface RequirementsLock {
  /** The lock as pip/uv should read it. */
  readonly text: string;
  /** sha256 of the committed file: the install marker records it, so editing the lock triggers a reinstall. */
  readonly sha256: string;
}

/**
 * `argparse` is dropped if a resolver ever writes it: it is the PyPI backport of a stdlib module, and installing it
 * shadows the interpreter's own newer copy.
 */
export function readRequirementsLock(path: string = REQUIREMENTS_LOCK): RequirementsLock {
  const raw = readFileSync(path, 'utf8');
  const text = raw
    .split('\n')
    .filter((line) => !/^argparse\s*(==|$)/i.test(line.trim()))
    .join('\n');
  return { text, sha256: createHash('sha256').update(raw).digest('hex') };
}
