// The build folder through node:fs, for Node and the Node-side tools (the worker's bundler). Not exported from
// index.ts: the worker's graph imports that, and must not reach node:fs.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BuildReader } from './build-reader.ts';

export function nodeBuildReader(buildDir: string): BuildReader {
  const root = resolve(buildDir);
  return {
    async readText(relativePath) {
      try {
        return await readFile(join(root, relativePath), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}
