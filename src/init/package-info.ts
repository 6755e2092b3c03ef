import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// This module sits two folders below the package root both as source (src/init/) and built (dist/init/).
const packageRoot = new URL('../../', import.meta.url);

/** The folder the scaffold's files are copied from (shipped in the package's `files`). */
export const TEMPLATES_DIRECTORY = fileURLToPath(new URL('templates/init/', packageRoot));

/** The version of the stepforge package this code belongs to: what a new project depends on. */
export function stepforgeVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as { version?: unknown };
  if (typeof manifest.version !== 'string') throw new Error("stepforge's package.json has no version");
  return manifest.version;
}
