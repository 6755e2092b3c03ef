import { type AwsConfig, readAwsConfig } from './config.ts';

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

export interface LoggerOptions {
  readonly pretty: boolean;
  readonly level: LogLevel;
  /** Where lines go; stderr by default so that commands can print their result JSON on stdout. */
  readonly write?: (line: string) => void;
  readonly now?: () => Date;
}

export function loggerOptionsFromConfig(config: Pick<AwsConfig, 'devMode' | 'debug'>): LoggerOptions {
  return { pretty: config.devMode, level: config.debug ? 'debug' : 'info' };
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

/** One JSON object per line (or a readable line with DEV_MODE=1). */
export function formatLogLine(
  level: LogLevel,
  message: string,
  fields: LogFields,
  pretty: boolean,
  time: Date,
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
  return `${time.toISOString().slice(11, 23)} ${level.toUpperCase().padEnd(5)} ${message}${extras ? ` ${extras}` : ''}`;
}

export function createLogger(options: LoggerOptions, bound: LogFields = {}): Logger {
  const write = options.write ?? ((line: string) => globalThis.process?.stderr?.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[options.level]) return;
    write(formatLogLine(level, message, { ...bound, ...fields }, options.pretty, now()));
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

/** The process-wide logger configured from DEV_MODE and APP_DEBUG. */
export function defaultLogger(): Logger {
  return createLogger(loggerOptionsFromConfig(readAwsConfig()));
}
