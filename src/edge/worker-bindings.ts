import type { Env } from '../aws/env.ts';

/**
 * The environment variables the Node server reads (src/server/serve-config.ts), as a worker's bindings. Secrets are
 * never written into wrangler.toml: `wrangler secret put NAME` sets them.
 */
export const WORKER_BINDINGS = {
  AWS_ENDPOINT_URL: 'secret',
  AWS_ACCESS_KEY_ID: 'secret',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'secret',
  STEPFORGE_API_TOKEN: 'secret',
  STEPFORGE_CURSOR_SECRET: 'secret',
  AWS_REGION: 'var',
  AWS_DEFAULT_REGION: 'var',
  STEPFORGE_ALLOWED_ORIGINS: 'var',
  STEPFORGE_SFN_READ_TIMEOUT_MS: 'var',
  STEPFORGE_SFN_START_TIMEOUT_MS: 'var',
  DEV_MODE: 'var',
  APP_DEBUG: 'var',
} as const satisfies Record<string, 'secret' | 'var'>;

export type WorkerBindingName = keyof typeof WORKER_BINDINGS;

/** Of `env`, the variables a worker reads, as string bindings (a local run passes the caller's environment through). */
export function bindingsFromEnv(env: Env): Record<string, string> {
  const bindings: Record<string, string> = {};
  for (const name of Object.keys(WORKER_BINDINGS)) {
    const value = env[name];
    if (value !== undefined) bindings[name] = value;
  }
  return bindings;
}
