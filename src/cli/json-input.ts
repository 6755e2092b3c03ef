// `--input JSON|@file`, as `stepforge run` and `stepforge run-local` take it.
import { readFile } from 'node:fs/promises';
import { UsageError } from './usage-error.ts';

/** The JSON text given, or the contents of the file after `@`; a usage error naming --input otherwise. */
export async function readJsonInput(text: string): Promise<unknown> {
  const source = text.startsWith('@')
    ? await readFile(text.slice(1), 'utf8').catch((error: Error) => {
        throw new UsageError(`--input ${text}: cannot read the file (${error.message})`);
      })
    : text;
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new UsageError(`--input is not valid JSON: ${(error as Error).message}`);
  }
}
