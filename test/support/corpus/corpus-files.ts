// The ASL corpus (../shared/asl-corpus, see its README), as the generator tests read it.
import { ASL_CORPUS_DIR } from './corpus-path.ts';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import JSON5 from 'json5';
import type { JsonValue } from '../../../src/generator/asl/json.ts';

export const CORPUS = ASL_CORPUS_DIR;

/** Every full state machine of the corpus, sorted; `test_state/` holds single states for the TestState API. */
export function corpusFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.json5')) found.push(relative(CORPUS, path));
    }
  };
  walk(CORPUS);
  return found.filter((file) => !file.startsWith('test_state/')).sort();
}

export function readCorpusFile(file: string): JsonValue {
  return JSON5.parse(readFileSync(join(CORPUS, file), 'utf8')) as JsonValue;
}
