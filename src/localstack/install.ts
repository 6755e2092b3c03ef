import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../aws/index.ts';
import { ensureJsonataLibs } from './jsonata-libs.ts';
import { ensureJsonPathTables } from './jsonpath-tables.ts';
import { installVenvHooks } from './venv-hooks.ts';
import { findPython } from './python-discovery.ts';
import { readRequirementsLock } from './requirements-lock.ts';
import { runCommand, runOrThrow } from './run-command.ts';
import type { LocalStackPaths } from './state-paths.ts';

/**
 * uv installs the 110 pinned wheels in ~10 s where pip takes ~90 s (measured on this project's lock), so the venv
 * gets uv first; pip stays the fallback when uv cannot be installed.
 */
const UV_VERSION = '0.13.9';

interface InstallMarker {
  readonly lockSha256: string;
  readonly python: string;
  readonly pythonVersion: string;
  readonly installer: 'uv' | 'pip';
}

export interface InstallResult {
  /** False when the marker showed the venv already matches the lock. */
  readonly installed: boolean;
  readonly python: string;
  readonly installer: InstallMarker['installer'];
}

function readMarker(path: string): InstallMarker | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as InstallMarker;
  } catch {
    return undefined;
  }
}

type OnStep = (step: string) => void;

async function installPackages(
  paths: LocalStackPaths,
  requirements: string,
  logger: Logger,
  onStep: OnStep,
): Promise<'uv' | 'pip'> {
  const python = paths.venvPython;
  onStep('installing uv into the venv');
  const pipUv = await runCommand(python, ['-m', 'pip', 'install', '-q', `uv==${UV_VERSION}`], {
    logFile: paths.installLog,
  });
  if (pipUv.code === 0) {
    onStep(`installing LocalStack's packages with uv (first start only; 10 s to a minute)`);
    await runOrThrow(
      'installing LocalStack with uv',
      join(paths.venv, 'bin', 'uv'),
      ['pip', 'install', '-q', '--python', python, '--no-deps', '-r', requirements],
      {
        logFile: paths.installLog,
        // copy: the uv cache usually sits on another filesystem than the project, where hard links fail noisily.
        env: { ...process.env, UV_LINK_MODE: 'copy', VIRTUAL_ENV: paths.venv },
      },
    );
    return 'uv';
  }
  logger.warn('could not install uv into the venv; installing with pip (slower)', { installLog: paths.installLog });
  onStep(`installing LocalStack's packages with pip (first start only; a few minutes)`);
  await runOrThrow(
    'installing LocalStack with pip',
    python,
    ['-m', 'pip', 'install', '-q', '--no-deps', '-r', requirements],
    {
      logFile: paths.installLog,
    },
  );
  return 'pip';
}

/** The venv matches the committed lock (marker holds the lock's hash), or is rebuilt from scratch. */
export async function ensureVenv(
  paths: LocalStackPaths,
  logger: Logger,
  onStep: OnStep = () => {},
): Promise<InstallResult> {
  const lock = readRequirementsLock();
  const marker = readMarker(paths.installMarker);
  if (marker && marker.lockSha256 === lock.sha256 && existsSync(paths.venvPython)) {
    return { installed: false, python: marker.python, installer: marker.installer };
  }
  const python = await findPython();
  logger.info('installing LocalStack into the project venv', {
    venv: paths.venv,
    python: python.executable,
    pythonVersion: python.version,
    foundBy: python.foundBy,
  });
  mkdirSync(paths.stateDir, { recursive: true });
  writeFileSync(paths.installLog, '');
  rmSync(paths.venv, { recursive: true, force: true });
  onStep(`creating the LocalStack venv with ${python.executable} ${python.version} (log ${paths.installLog})`);
  await runOrThrow('creating the LocalStack venv', python.executable, ['-m', 'venv', paths.venv], {
    logFile: paths.installLog,
  });
  const requirements = join(paths.stateDir, 'requirements.txt');
  writeFileSync(requirements, lock.text);
  const installer = await installPackages(paths, requirements, logger, onStep);
  // plux caches entry points per interpreter path and mtimes; a cache built by an earlier venv can hide plugins.
  rmSync(paths.cache, { recursive: true, force: true });
  const written: InstallMarker = {
    lockSha256: lock.sha256,
    python: python.executable,
    pythonVersion: python.version,
    installer,
  };
  writeFileSync(paths.installMarker, `${JSON.stringify(written, null, 2)}\n`);
  logger.info('LocalStack installed', { installer });
  return { installed: true, python: python.executable, installer };
}

/** Everything `start` needs before the first process runs: the venv, its JSONPath tables and start-up hooks, and JSONata's JDK and jars. */
export async function ensureInstalled(
  paths: LocalStackPaths,
  logger: Logger,
  onStep: OnStep = () => {},
): Promise<InstallResult> {
  onStep('checking the LocalStack install');
  const result = await ensureVenv(paths, logger, onStep);
  await ensureJsonPathTables(paths, logger);
  installVenvHooks(paths);
  onStep('checking the JDK and JSONata jars for LocalStack');
  await ensureJsonataLibs(paths.libs, paths.installLog, logger);
  return result;
}
