import { relative } from 'node:path';
import { InitError, initProject } from '../init/index.ts';
import { parseArgs, rejectUnknownOptions } from './args.ts';
import { UsageError } from './usage-error.ts';

const USAGE = 'stepforge init [dir] [--force]';

/**
 * `stepforge init [dir] [--force]`: scaffolds a project in `dir` (default the working directory). The new project's
 * stepforge dependency is this package's version; STEPFORGE_INIT_DEPENDENCY overrides it (the package's own tests
 * point it at a packed tarball).
 */
export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['force']);
  rejectUnknownOptions(args, ['force']);
  const [dir = '.', ...extra] = args.positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"; usage: ${USAGE}`);
  const dependency = process.env.STEPFORGE_INIT_DEPENDENCY?.trim();
  let result: ReturnType<typeof initProject>;
  try {
    result = initProject({
      directory: dir,
      force: args.options.force === true,
      ...(dependency ? { stepforgeDependency: dependency } : {}),
    });
  } catch (error) {
    if (error instanceof InitError) throw new UsageError(error.message);
    throw error;
  }
  const nearby = relative(process.cwd(), result.directory) || '.';
  const where = nearby.startsWith('..') ? result.directory : nearby;
  const cd = where === '.' ? '' : `cd ${where} && `;
  process.stdout.write(
    `created ${result.name} in ${where}: ${result.written.join(', ')}\n\n` +
      `  ${cd}npm install && npm start   # LocalStack, deploy, workers, server\n` +
      `  ${cd}npm install && npm test    # the workflow's tests, in-process\n`,
  );
  return 0;
}
