import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Env, processEnv } from '../aws/index.ts';

export const DEFAULT_PORT = 4566;

/**
 * Where the project-local LocalStack lives: everything under `.stepforge/localstack` of the working directory (or
 * `STEPFORGE_STATE_DIR`), which `.gitignore` excludes. The venv and the JSONata libraries are shared by all ports;
 * the volume, log and pid file are per port, so a second instance (tests use one) never touches the first one's files.
 */
export interface LocalStackPaths {
  readonly stateDir: string;
  readonly venv: string;
  readonly venvPython: string;
  readonly installMarker: string;
  readonly installLog: string;
  /** LocalStack's "static libs" (JDK link, JSONata jars), linked into every port's volume. */
  readonly libs: string;
  /** plux's entry-point cache (XDG_CACHE_HOME of the LocalStack process), cleared on every install. */
  readonly cache: string;
  readonly volume: string;
  readonly log: string;
  readonly pidFile: string;
  readonly probeFile: string;
}

/** The committed lock this project installs LocalStack from. */
export const REQUIREMENTS_LOCK = fileURLToPath(new URL('./requirements.lock', import.meta.url));

/** The project's state folder: `.stepforge` of the working directory, or `STEPFORGE_STATE_DIR`. */
export function stateRoot(env: Env = processEnv()): string {
  return resolve(env.STEPFORGE_STATE_DIR?.trim() || join(process.cwd(), '.stepforge'));
}

export function localStackPaths(port: number = DEFAULT_PORT, env: Env = processEnv()): LocalStackPaths {
  const stateDir = join(stateRoot(env), 'localstack');
  const venv = join(stateDir, 'venv');
  const suffix = port === DEFAULT_PORT ? '' : `-${port}`;
  return {
    stateDir,
    venv,
    venvPython: join(venv, 'bin', 'python'),
    installMarker: join(venv, 'stepforge-install.json'),
    installLog: join(stateDir, 'install.log'),
    libs: join(stateDir, 'libs'),
    cache: join(stateDir, 'cache'),
    volume: join(stateDir, `volume${suffix}`),
    log: join(stateDir, `localstack${suffix}.log`),
    pidFile: join(stateDir, `localstack${suffix}.pid`),
    probeFile: join(stateDir, 'probe.json'),
  };
}
