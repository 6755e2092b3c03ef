import { readFile } from 'node:fs/promises';
import { DeployError } from './deploy-error.ts';

/** A build file parsed as JSON; a missing one says what makes it (`hint`), a broken one says where. */
export async function readJsonFile(path: string, hint: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DeployError(`${path} not found: ${hint}`);
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DeployError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}
