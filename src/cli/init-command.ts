import { defineCommand } from './command.ts';
import { UsageError } from './usage-error.ts';

/**
 * Scaffolds a project in `dir`. The new project's stepforge dependency is this package's version;
 * STEPFORGE_INIT_DEPENDENCY overrides it (the package's own tests point it at a packed tarball).
 */
export default defineCommand({
  name: 'init',
  summary: 'scaffold a project: a hello workflow, an action, a test, and its npm start / npm test',
  positionals: [{ name: 'dir', description: 'the folder to create the project in (default: the working directory)' }],
  options: {
    force: { type: 'boolean', description: 'write into a folder that is not empty' },
  },
  async run({ options, positionals: [dir = '.'] }) {
    const { relative } = await import('node:path');
    const { InitError, initProject } = await import('../init/index.ts');
    const dependency = process.env.STEPFORGE_INIT_DEPENDENCY?.trim();
    let result: ReturnType<typeof initProject>;
    try {
      result = initProject({
        directory: dir,
        force: options.force,
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
  },
});
