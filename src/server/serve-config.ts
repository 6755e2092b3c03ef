import { createSfnClient, defaultLogger, processEnv, readAwsConfig } from '../aws/index.ts';
import { appSettingsFromEnv } from './app-settings.ts';
import type { BuildReader } from './catalog/index.ts';
import type { AppOptions } from './options.ts';
import { sfnPortFromClient } from './sfn/index.ts';

export interface ListenOptions {
  readonly port: number;
  /** 127.0.0.1 unless told otherwise: the API can start executions, so it is not exposed by accident. */
  readonly host: string;
  /** The build folder holding deployment.json. */
  readonly buildDir: string;
}

export const DEFAULT_LISTEN: ListenOptions = { port: 8787, host: '127.0.0.1', buildDir: 'build' };

/** `--port N --host H --build DIR` for the entry points run directly (bun src/server/bun.ts ...). */
export function parseListenArgs(argv: readonly string[]): ListenOptions {
  const values: Record<string, string> = {};
  for (let index = 0; index < argv.length; index++) {
    const match = /^--(port|host|build)(?:=(.*))?$/.exec(argv[index]!);
    if (!match) throw new Error(`unknown argument "${argv[index]}" (expected --port, --host, --build)`);
    const value = match[2] ?? argv[++index];
    if (value === undefined) throw new Error(`--${match[1]} needs a value`);
    values[match[1]!] = value;
  }
  return listenOptions(values);
}

export function listenOptions(values: { port?: string; host?: string; build?: string }): ListenOptions {
  const port = values.port === undefined ? DEFAULT_LISTEN.port : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || !/^\d+$/.test(values.port ?? '0')) {
    throw new Error(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
  }
  return { port, host: values.host ?? DEFAULT_LISTEN.host, buildDir: values.build ?? DEFAULT_LISTEN.buildDir };
}

/**
 * Everything the app needs from the environment: AWS_*, STEPFORGE_API_TOKEN, STEPFORGE_ALLOWED_ORIGINS,
 * STEPFORGE_SFN_READ_TIMEOUT_MS, STEPFORGE_SFN_START_TIMEOUT_MS, STEPFORGE_CURSOR_SECRET, DEV_MODE, APP_DEBUG.
 */
export function appOptionsFromEnvironment(build: BuildReader): AppOptions {
  const config = readAwsConfig();
  return {
    ...appSettingsFromEnv(processEnv(), config),
    sfn: sfnPortFromClient(createSfnClient(config)),
    build,
    logger: defaultLogger().child({ component: 'server' }),
  };
}

/** A listening server, whatever the runtime. */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}
