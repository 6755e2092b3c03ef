// Imports the AWS helpers file by file, not through src/aws/index.ts: this module is in the worker's graph, which
// must not reach the SDK's Node-only credential chain and HTTP handler.
import type { AwsConfig } from '../aws/config.ts';
import { commaList, type Env, optionalInteger, optionalString } from '../aws/env.ts';
import type { AppOptions } from './options.ts';

const TIMEOUT_RANGE = { min: 100, max: 600_000 };

/** The app options every runtime reads from its environment (process.env, or a worker's bindings) alike. */
export type AppSettings = Pick<
  AppOptions,
  'upstreamTimeoutMs' | 'allowedOrigins' | 'apiToken' | 'endpoint' | 'cursorSecret'
>;

/**
 * STEPFORGE_API_TOKEN, STEPFORGE_ALLOWED_ORIGINS, STEPFORGE_SFN_READ_TIMEOUT_MS, STEPFORGE_SFN_START_TIMEOUT_MS,
 * STEPFORGE_CURSOR_SECRET, and the endpoint `/health` shows.
 */
export function appSettingsFromEnv(env: Env, config: Pick<AwsConfig, 'endpoint'>): AppSettings {
  const apiToken = optionalString(env, 'STEPFORGE_API_TOKEN');
  const cursorSecret = optionalString(env, 'STEPFORGE_CURSOR_SECRET');
  const readMs = optionalInteger(env, 'STEPFORGE_SFN_READ_TIMEOUT_MS', TIMEOUT_RANGE);
  const startMs = optionalInteger(env, 'STEPFORGE_SFN_START_TIMEOUT_MS', TIMEOUT_RANGE);
  const allowedOrigins = commaList(env, 'STEPFORGE_ALLOWED_ORIGINS');
  return {
    upstreamTimeoutMs: { ...(readMs === undefined ? {} : { readMs }), ...(startMs === undefined ? {} : { startMs }) },
    ...(allowedOrigins.length > 0 ? { allowedOrigins } : {}),
    endpoint: config.endpoint?.toString().replace(/\/$/, ''),
    ...(apiToken ? { apiToken } : {}),
    // Without one each app makes a random key; a worker has many short-lived isolates, which would refuse each other's cursors.
    ...(cursorSecret ? { cursorSecret } : {}),
  };
}
