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

function serialiseError(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/** One JSON object per line (or a readable line with DEV_MODE=1). */
export function formatLogLine(level: LogLevel, message: string, fields: LogFields, pretty: boolean, time: Date): string {
  const cleaned: LogFields = {};
  for (const [key, value] of Object.entries(fields)) cleaned[key] = serialiseError(value);
  if (!pretty) return JSON.stringify({ time: time.toISOString(), level, msg: message, ...cleaned });
  const extras = Object.entries(cleaned)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
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
