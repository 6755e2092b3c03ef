import { readFileSync } from 'node:fs';
import { ConfigError } from '../aws/config-error.ts';
import type { CommandDefinition } from './command.ts';
import { loadCommands } from './commands.ts';
import { exitWithParent } from './exit-with-parent.ts';
import { buildProgram, CommanderError, usageMessage } from './program.ts';
import { UsageError } from './usage-error.ts';

export interface CliOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processOutput: CliOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** The command (and subcommand) names the arguments start with, global options skipped. */
export function commandPath(argv: readonly string[], definitions: readonly CommandDefinition[]): string[] {
  const path: string[] = [];
  let choices: readonly CommandDefinition[] | undefined = definitions;
  for (let index = 0; index < argv.length && choices; index++) {
    const arg = argv[index]!;
    if (arg === '--log') index++;
    if (arg.startsWith('-')) continue;
    const found: CommandDefinition | undefined = choices.find((definition) => definition.name === arg);
    if (!found) break;
    path.push(found.name);
    choices = found.subcommands;
  }
  return path;
}

function definitionAt(
  path: readonly string[],
  definitions: readonly CommandDefinition[],
): CommandDefinition | undefined {
  let found: CommandDefinition | undefined;
  let choices: readonly CommandDefinition[] | undefined = definitions;
  for (const name of path) {
    found = choices?.find((definition) => definition.name === name);
    choices = found?.subcommands;
  }
  return found;
}

/** Runs one CLI command and returns its exit code: 0 ok, 1 failure of the thing asked, 2 bad usage. */
export async function main(argv: readonly string[], output: CliOutput = processOutput): Promise<number> {
  const definitions = await loadCommands();
  // `stepforge help localstack start` is `stepforge localstack start --help`.
  const args = argv[0] === 'help' ? [...argv.slice(1), '--help'] : [...argv];
  const path = commandPath(args, definitions);
  const definition = definitionAt(path, definitions);
  const prefix = ['stepforge', ...path].join(' ');
  const { program, exitCode } = buildProgram(definitions, packageVersion(), output, async (_path, leaf, context) => {
    exitWithParent();
    return leaf.run ? leaf.run(context) : 2;
  });
  program.hook('preAction', () => {
    const log = program.opts().log as string | undefined;
    if (log === undefined) return;
    if (log !== 'json' && log !== 'pretty') throw new UsageError(`--log must be one of pretty, json, got "${log}"`);
    // In the environment, so the logger and every child process (dev's workers, serve) follow it.
    process.env.STEPFORGE_LOG = log;
  });
  if (argv.length === 0) {
    output.out(program.helpInformation());
    return 2;
  }
  const topics = argv[0] === 'help' ? argv.slice(1).filter((arg) => !arg.startsWith('-')) : [];
  const unknownTopic = topics.find((name, index) => path[index] !== name);
  if (unknownTopic !== undefined) {
    // `help deplyo`: commander would print the root help and exit 0; it is an unknown command like any other.
    args.splice(0, args.length, ...path, unknownTopic);
  }
  const helpAsked = args.includes('--help') || args.includes('-h');
  const nextIsOperand = args.slice(args.indexOf(path.at(-1) ?? '') + 1).some((arg) => !arg.startsWith('-'));
  if (definition?.subcommands && !helpAsked && !nextIsOperand) {
    const names = definition.subcommands.map((command) => command.name).join('|');
    output.err(`${prefix}: expected one of ${names}, got ""\n`);
    return 2;
  }
  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode() ?? 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      // No command given (`stepforge --log json`): commander printed the help on stderr; that is bad usage.
      if (error.code === 'commander.help') return 2;
      output.err(`${prefix}: ${usageMessage(error, path, definition, args)}\n`);
      return 2;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      output.err(`${prefix}: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    output.err(`${prefix}: ${message.replace(/\n/g, ' ')}\n`);
    if (process.env.APP_DEBUG === '1' && error instanceof Error) output.err(`${error.stack}\n`);
    return 1;
  }
}
