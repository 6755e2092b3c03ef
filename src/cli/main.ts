import { ConfigError } from '../aws/index.ts';
import { commands } from './commands.ts';
import { exitWithParent } from './exit-with-parent.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `usage: stepforge <command> [options]

commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`)
  .join('\n')}`;

/** Runs one CLI command and returns its exit code: 0 ok, 1 failure of the thing asked, 2 bad usage. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  exitWithParent();
  const command = commands[name];
  if (!command) {
    process.stderr.write(`stepforge: unknown command "${name}"\n${USAGE}\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`stepforge ${name}: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`stepforge ${name}: ${message.replace(/\n/g, ' ')}\n`);
    if (process.env.APP_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
