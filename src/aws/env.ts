import { ConfigError } from './config-error.ts';

/** The environment as a plain record, so every reader can be handed a fake one in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Reads the process environment on Node, Bun and Deno alike (Deno exposes `process` through its Node compat layer). */
export function processEnv(): Env {
  return globalThis.process?.env ?? {};
}

export function optionalString(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function requiredString(env: Env, name: string): string {
  const value = optionalString(env, name);
  if (value === undefined) throw new ConfigError(name, 'is required but not set');
  return value;
}

export function flag(env: Env, name: string): boolean {
  const value = optionalString(env, name);
  if (value === undefined) return false;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(name, `must be 1/0, true/false, yes/no or on/off, got "${value}"`);
}

export function optionalUrl(env: Env, name: string): URL | undefined {
  const value = optionalString(env, name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a valid URL: "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `must be an http:// or https:// URL, got "${value}"`);
  }
  return url;
}

export function optionalInteger(env: Env, name: string, range: { min: number; max: number }): number | undefined {
  const value = optionalString(env, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new ConfigError(name, `must be a whole number, got "${value}"`);
  const parsed = Number(value);
  if (parsed < range.min || parsed > range.max) {
    throw new ConfigError(name, `must be between ${range.min} and ${range.max}, got ${parsed}`);
  }
  return parsed;
}

export function commaList(env: Env, name: string): string[] {
  const value = optionalString(env, name);
  if (value === undefined) return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
