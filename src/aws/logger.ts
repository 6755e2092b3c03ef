import picocolors from 'picocolors';
import { type AwsConfig, readAwsConfig } from './config.ts';
import { ConfigError } from './config-error.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose every line carries these fields too (task, execution, ...). */
  child(fields: LogFields): Logger;
}

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFormat = 'pretty' | 'json';

export interface LoggerOptions {
  readonly pretty: boolean;
  /** ANSI colours in pretty lines (never in JSON lines). */
  readonly color?: boolean;
  readonly level: LogLevel;
  /** Where lines go; stderr by default so that commands can print their result JSON on stdout. */
  readonly write?: (line: string) => void;
  readonly now?: () => Date;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Pretty for people, JSON lines for programs: `STEPFORGE_LOG` (what `--log` sets) decides when set; else DEV_MODE=1
 * (the dev loop's children, whose lines the loop shows) is pretty; else pretty on a terminal and JSON when piped.
 */
export function logFormat(devMode: boolean, env: Env, isTTY: boolean): LogFormat {
  const chosen = env.STEPFORGE_LOG?.trim();
  if (chosen === 'json' || chosen === 'pretty') return chosen;
  if (chosen) throw new ConfigError('STEPFORGE_LOG', `must be pretty or json, got "${chosen}"`);
  return devMode || isTTY ? 'pretty' : 'json';
}

/** FORCE_COLOR decides when set (0 or false: off), then NO_COLOR (any value: off), else colours on a terminal. */
export function colorEnabled(env: Env, isTTY: boolean): boolean {
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}

export function loggerOptionsFromConfig(
  config: Pick<AwsConfig, 'devMode' | 'debug'>,
  env: Env = globalThis.process?.env ?? {},
  isTTY: boolean = globalThis.process?.stderr?.isTTY === true,
): LoggerOptions {
  const pretty = logFormat(config.devMode, env, isTTY) === 'pretty';
  return { pretty, color: pretty && colorEnabled(env, isTTY), level: config.debug ? 'debug' : 'info' };
}

/**
 * JSON.stringify that cannot throw: a log call must never take the process down because a field holds a BigInt, a
 * cycle or an Error (which would otherwise print as `{}`).
 */
function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'bigint') return item.toString();
    if (item instanceof Error) return { name: item.name, message: item.message, stack: item.stack };
    if (typeof item === 'object' && item !== null) {
      if (seen.has(item)) return '[Circular]';
      seen.add(item);
    }
    return item;
  });
}

// Always-on colours: whether to use them is decided above (per stream, NO_COLOR, FORCE_COLOR), not by picocolors' own
// look at stdout.
const pc = picocolors.createColors(true);
const LEVEL_COLOR: Record<LogLevel, (text: string) => string> = {
  debug: pc.gray,
  info: pc.cyan,
  warn: pc.yellow,
  error: pc.red,
};

/** One JSON object per line, or a readable line (coloured when `color`) for people. */
export function formatLogLine(
  level: LogLevel,
  message: string,
  fields: LogFields,
  pretty: boolean,
  time: Date,
  color = false,
): string {
  if (!pretty) {
    // time, level and msg come first and are never overwritten: a field of the same name is kept as `field.<name>`.
    const line: LogFields = { time: time.toISOString(), level, msg: message };
    for (const [key, value] of Object.entries(fields)) line[key in line ? `field.${key}` : key] = value;
    return safeJson(line);
  }
  const extras = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : safeJson(value)}`)
    .join(' ');
  const clock = time.toISOString().slice(11, 23);
  const label = level.toUpperCase().padEnd(5);
  if (!color) return `${clock} ${label} ${message}${extras ? ` ${extras}` : ''}`;
  const text = level === 'error' || level === 'warn' ? LEVEL_COLOR[level](message) : message;
  return `${pc.dim(clock)} ${LEVEL_COLOR[level](label)} ${text}${extras ? ` ${pc.dim(extras)}` : ''}`;
}

export function createLogger(options: LoggerOptions, bound: LogFields = {}): Logger {
  const write = options.write ?? ((line: string) => globalThis.process?.stderr?.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[options.level]) return;
    write(formatLogLine(level, message, { ...bound, ...fields }, options.pretty, now(), options.color));
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

/** The process-wide logger configured from STEPFORGE_LOG, DEV_MODE, APP_DEBUG, NO_COLOR/FORCE_COLOR and the terminal. */
export function defaultLogger(): Logger {
  return createLogger(loggerOptionsFromConfig(readAwsConfig()));
}
