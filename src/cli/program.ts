/**
 * The command definitions as a commander program: commander parses, writes the help and suggests close names; this
 * file turns its errors into stepforge's one-line usage errors (exit 2) and checks what commander leaves open
 * (whole numbers, ranges, choices, required positionals) with the messages stepforge always printed.
 */
import { Command, CommanderError, Option } from 'commander';
import {
  type CommandDefinition,
  GLOBAL_OPTIONS,
  type OptionSpec,
  type OptionSpecs,
  type OptionValues,
  type RunContext,
} from './command.ts';
import { UsageError } from './usage-error.ts';

export interface ProgramOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export interface BuiltProgram {
  readonly program: Command;
  /** The exit code of the command that ran; undefined when commander only printed (help, version). */
  exitCode(): number | undefined;
}

/** `--no-second-opinion` is stored by commander as `secondOpinion: false`. */
function commanderKey(name: string): string {
  const camel = (text: string) => text.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
  return name.startsWith('no-') ? camel(name.slice(3)) : camel(name);
}

function describe(spec: OptionSpec): string {
  return spec.type === 'string' && spec.choices
    ? `${spec.description} (one of: ${spec.choices.join(', ')})`
    : spec.description;
}

/** The commander option for one declared option; defaults are given to commander so the help shows them. */
export function commanderOption(name: string, spec: OptionSpec): Option {
  const aliases = spec.aliases ?? [];
  if (aliases.length > 1 || aliases.some((alias) => !/^-[A-Za-z]$/.test(alias)))
    throw new Error(`--${name}: aliases must be one short flag such as -p, got ${aliases.join(', ')}`);
  const short = aliases[0];
  const value = spec.type === 'boolean' ? '' : ` <${spec.placeholder ?? (spec.type === 'integer' ? 'n' : name)}>`;
  const option = new Option(`${short ? `${short}, ` : ''}--${name}${value}`, describe(spec));
  if (spec.type === 'boolean') {
    if (!name.startsWith('no-')) option.default(false);
  } else if (spec.default !== undefined) option.default(spec.default);
  return option;
}

function wholeNumber(name: string, text: string, spec: { min?: number; max?: number }): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
  const value = Number(text);
  const { min, max } = spec;
  if (min !== undefined && max !== undefined && (value < min || value > max))
    throw new UsageError(`--${name} must be between ${min} and ${max}, got ${value}`);
  if (min !== undefined && value < min) throw new UsageError(`--${name} must be at least ${min}, got ${value}`);
  if (max !== undefined && value > max) throw new UsageError(`--${name} must be at most ${max}, got ${value}`);
  return value;
}

/** Typed values from commander's raw ones, checked against the declarations. */
export function readOptions<O extends OptionSpecs>(
  specs: O,
  raw: Record<string, unknown>,
  isGiven: (name: string) => boolean,
): Pick<RunContext<O>, 'options' | 'given'> {
  const options: Record<string, unknown> = {};
  const given = new Set<keyof O & string>();
  for (const [name, spec] of Object.entries(specs)) {
    const value = raw[commanderKey(name)];
    if (isGiven(name)) given.add(name as keyof O & string);
    if (spec.type === 'boolean') options[name] = name.startsWith('no-') ? value === false : value === true;
    else if (spec.type === 'integer')
      options[name] = typeof value === 'string' ? wholeNumber(name, value, spec) : (value as number | undefined);
    else {
      if (typeof value === 'string' && spec.choices && !spec.choices.includes(value))
        throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')}, got "${value}"`);
      options[name] = value;
    }
  }
  return { options: options as OptionValues<O>, given };
}

export function usageLine(path: readonly string[], definition: CommandDefinition): string {
  const positionals = (definition.positionals ?? []).map((positional) =>
    positional.required ? `<${positional.name}>` : `[${positional.name}]`,
  );
  const sub = definition.subcommands ? [definition.subcommands.map((command) => command.name).join('|')] : [];
  return ['stepforge', ...path, ...sub, ...positionals, '[options]'].join(' ');
}

function checkPositionals(path: readonly string[], definition: CommandDefinition, positionals: readonly string[]) {
  const declared = definition.positionals ?? [];
  const usage = `usage: ${usageLine(path, definition)}`;
  if (positionals.length > declared.length)
    throw new UsageError(`unexpected argument "${positionals[declared.length]}"; ${usage}`);
  if (declared.some((positional, index) => positional.required && positionals[index] === undefined))
    throw new UsageError(usage);
}

/** `--prune-data=yes`: commander calls it an unknown option; the user meant a known flag and gave it a value. */
function flagWithValue(definition: CommandDefinition, argv: readonly string[]): string | undefined {
  for (const arg of argv) {
    const match = /^--([^=]+)=/.exec(arg);
    if (match && definition.options[match[1]!]?.type === 'boolean') return match[1];
  }
  return undefined;
}

/** commander's `error: unknown option '--prot'\n(Did you mean --port?)` as one stepforge line. */
export function usageMessage(
  error: CommanderError,
  path: readonly string[],
  definition: CommandDefinition | undefined,
  argv: readonly string[],
): string {
  const lines = error.message.replace(/^error: /, '').split('\n');
  const suggestion = /^\(Did you mean (.+)\?\)$/.exec(lines[1] ?? '')?.[1];
  const didYouMean = suggestion ? `; did you mean ${suggestion}?` : '';
  const first = lines[0]!;
  switch (error.code) {
    case 'commander.unknownOption': {
      const flag = definition && flagWithValue(definition, argv);
      if (flag) return `--${flag} takes no value`;
      return `unknown option ${/'([^']+)'/.exec(first)?.[1] ?? first}${didYouMean}`;
    }
    case 'commander.unknownCommand': {
      const name = /'([^']+)'/.exec(first)?.[1] ?? '';
      if (definition?.subcommands)
        return `expected one of ${definition.subcommands.map((command) => command.name).join('|')}, got "${name}"${didYouMean}`;
      return `unknown command "${name}"${didYouMean}`;
    }
    case 'commander.missingArgument':
      return definition ? `usage: ${usageLine(path, definition)}` : first;
    case 'commander.optionMissingArgument':
      return `${/'(--[\w-]+)/.exec(first)?.[1] ?? 'an option'} needs a value`;
    default:
      return `${first}${didYouMean}`;
  }
}

/**
 * Builds the program for the given definitions. `onRun` runs a leaf command with its checked context; `path` is the
 * command names from the root (`['localstack', 'start']`).
 */
export function buildProgram(
  definitions: readonly CommandDefinition[],
  version: string,
  output: ProgramOutput,
  onRun: (path: readonly string[], definition: CommandDefinition, context: RunContext<OptionSpecs>) => Promise<number>,
): BuiltProgram {
  let exitCode: number | undefined;
  const configure = (command: Command) =>
    command
      .exitOverride()
      .configureOutput({ writeOut: output.out, writeErr: output.err, outputError: () => {} })
      .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
      .helpOption('-h, --help', 'print this help')
      .allowExcessArguments(true);

  const program = configure(new Command('stepforge'))
    .usage('<command> [options]')
    .version(version, '-v, --version', 'print the stepforge version')
    .helpCommand('help [command...]', 'the help of a command (`stepforge help localstack start`)');
  for (const [name, spec] of Object.entries(GLOBAL_OPTIONS)) program.addOption(commanderOption(name, spec));

  const add = (parent: Command, definition: CommandDefinition, path: readonly string[]) => {
    const command = configure(parent.command(definition.name))
      .summary(definition.summary)
      .description(definition.summary);
    command.usage(
      usageLine(path, definition)
        .split(' ')
        .slice(path.length + 1)
        .join(' '),
    );
    if (definition.details) command.addHelpText('after', `\n${definition.details}`);
    for (const positional of definition.positionals ?? [])
      command.argument(positional.required ? `<${positional.name}>` : `[${positional.name}]`, positional.description);
    for (const [name, spec] of Object.entries(definition.options)) command.addOption(commanderOption(name, spec));
    for (const sub of definition.subcommands ?? []) add(command, sub, [...path, sub.name]);
    if (!definition.subcommands) {
      command.action(async () => {
        // All operands, also those beyond the declared ones (let through so the error can name them).
        const positionals = command.args;
        checkPositionals(path, definition, positionals);
        const { options, given } = readOptions(definition.options, command.opts(), (name) => {
          const source = command.getOptionValueSource(commanderKey(name));
          return source === 'cli' || source === 'env';
        });
        exitCode = await onRun(path, definition, { options, given, positionals });
      });
    }
  };
  for (const definition of definitions) add(program, definition, [definition.name]);
  return { program, exitCode: () => exitCode };
}

export { CommanderError };
