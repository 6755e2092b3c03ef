import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../aws/index.ts';
import { runOrThrow } from './run-command.ts';
import type { LocalStackPaths } from './state-paths.ts';

const TABLE_WRITER = fileURLToPath(new URL('./write-jsonpath-tables.py', import.meta.url));

/**
 * LocalStack's Step Functions parses every JSONPath it evaluates with jsonpath-ng, which regenerates PLY's LALR table
 * on each parse (~30 ms of CPU per `.$` parameter; a task step with four paths spent ~120 ms there before it was even
 * scheduled). Writing the tables once into the venv lets PLY import them instead: ~2 ms per parse. See the script for
 * why this is safe (PLY checks the grammar's signature before using a table).
 */
export async function ensureJsonPathTables(paths: LocalStackPaths, logger: Logger): Promise<void> {
  const marker = join(paths.venv, 'stepforge-jsonpath-tables');
  if (existsSync(marker)) return;
  const { stdout } = await runOrThrow('writing the JSONPath parser tables', paths.venvPython, [TABLE_WRITER], {
    logFile: paths.installLog,
  });
  const written = stdout.trim().split('\n');
  writeFileSync(marker, `${written.join('\n')}\n`);
  logger.info('JSONPath parser tables written', { files: written });
}
