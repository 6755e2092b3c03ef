/**
 * What a command file declares: its options (name, type, default, description, aliases), its positional arguments,
 * its subcommands, and a typed `run`. Command files stay light to load: `stepforge --help` reads every definition,
 * so a command imports its heavy modules (ts-morph, the AWS SDK) inside `run`, never at the top of the file.
 */

export type OptionType = 'string' | 'integer' | 'boolean';

interface OptionBase {
  readonly description: string;
  /** A one-letter short form: `['-p']` (commander takes one per option; a long alias is refused when the program is built). */
  readonly aliases?: readonly `-${string}`[];
}

export interface StringOption extends OptionBase {
  readonly type: 'string';
  readonly default?: string;
  /** Shown in the help as `--name <placeholder>`; the option's name when absent. */
  readonly placeholder?: string;
  /** The only values accepted, checked before `run`. */
  readonly choices?: readonly string[];
}

export interface IntegerOption extends OptionBase {
  readonly type: 'integer';
  readonly default?: number;
  readonly placeholder?: string;
  readonly min?: number;
  readonly max?: number;
}

/** A flag; `--no-x` as a name is a flag of its own (true when given), as `--no-second-opinion` always was. */
export interface BooleanOption extends OptionBase {
  readonly type: 'boolean';
}

export type OptionSpec = StringOption | IntegerOption | BooleanOption;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface PositionalSpec {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
}

type ValueOf<S extends OptionSpec> = S extends BooleanOption
  ? boolean
  : S extends { readonly default: infer D }
    ? D extends number
      ? number
      : string
    : S extends IntegerOption
      ? number | undefined
      : string | undefined;

/** The parsed values of a command's options, keyed by option name (`options['role-arn']`). */
export type OptionValues<O extends OptionSpecs> = { -readonly [K in keyof O]: ValueOf<O[K]> };

export interface RunContext<O extends OptionSpecs> {
  readonly options: OptionValues<O>;
  /** The positional arguments, in order; the required ones are there (checked before `run`). */
  readonly positionals: readonly string[];
  /** Options the user wrote on the command line (as opposed to defaults): `--port` given or not. */
  readonly given: ReadonlySet<keyof O & string>;
}

export interface CommandDefinition<O extends OptionSpecs = OptionSpecs> {
  readonly name: string;
  /** One line, for `stepforge --help`. */
  readonly summary: string;
  /** More text after the option list of `stepforge <name> --help`. */
  readonly details?: string;
  readonly positionals?: readonly PositionalSpec[];
  readonly options: O;
  /** `localstack start|stop|...`: each a command of its own; the parent then has no `run`. */
  readonly subcommands?: readonly CommandDefinition<OptionSpecs>[];
  /** Returns the exit code: 0 ok, 1 failure of the thing asked; a UsageError (exit 2) for bad usage. */
  run?(context: RunContext<O>): Promise<number>;
}

/** Identity, for the option types to flow from the declaration into `run`. */
export function defineCommand<const O extends OptionSpecs>(definition: CommandDefinition<O>): CommandDefinition<O> {
  return definition;
}

/** The options every command takes besides its own (handled by main before the command runs). */
export const GLOBAL_OPTIONS = {
  log: {
    type: 'string',
    choices: ['pretty', 'json'],
    placeholder: 'format',
    description:
      'log lines: pretty (coloured on a terminal) or json (one object per line); default pretty on a terminal, json when piped',
  },
} as const satisfies OptionSpecs;
