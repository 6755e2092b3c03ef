import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import type { Logger } from '../aws/index.ts';
import {
  endpointFor,
  type LocalStackHealth,
  missingServices,
  probePort,
  REQUIRED_SERVICES,
  STARTED_SERVICES,
} from './health.ts';
import { ensureInstalled } from './install.ts';
import { linkLibsIntoVolume } from './jsonata-libs.ts';
import { LocalStackError } from './localstack-error.ts';
import { logTail } from './log-tail.ts';
import { removePidFile, writePidFile } from './pid-file.ts';
import { groupAlive, terminateGroup } from './process-group.ts';
import { recordedProcess } from './recorded-process.ts';
import { localStackEnvironment } from './runtime-env.ts';
import { servicesToRun } from './services.ts';
import { DEFAULT_PORT, localStackPaths } from './state-paths.ts';
import { withStateLock } from './state-lock.ts';

export interface StartOptions {
  readonly port?: number;
  readonly logger: Logger;
  /** How long LocalStack may take to report its services ready (default 120 s). */
  readonly timeoutMs?: number;
  /**
   * Services to run besides ours (S3, SQS, Step Functions, STS), e.g. `['cloudformation', 'iam']` for the Serverless
   * Framework; `SERVICES` in the environment adds to them.
   */
  readonly services?: readonly string[];
  /** Each step of a start (install, spawn, each change while waiting for health), for progress shown to people. */
  readonly onStep?: (step: string) => void;
}

export interface StartResult {
  readonly endpoint: string;
  /** Set when stepforge started (or had started) this process; undefined for a LocalStack someone else runs. */
  readonly pid: number | undefined;
  /** True when nothing new was started: ours was already running, or another LocalStack serves the port. */
  readonly reused: boolean;
  readonly health: LocalStackHealth;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForServices(
  port: number,
  pid: number | undefined,
  deadline: number,
  wanted: readonly string[],
  onStep: (step: string) => void = () => {},
): Promise<LocalStackHealth> {
  let last = 'no answer yet';
  let reported: string | undefined;
  while (Date.now() < deadline) {
    if (last !== reported) {
      reported = last;
      onStep(`waiting for LocalStack on port ${port}: ${last}`);
    }
    if (pid !== undefined && !groupAlive(pid))
      throw new LocalStackError(`LocalStack (pid ${pid}) exited during start-up`);
    const state = await probePort(port);
    if (state.kind === 'localstack') {
      const missing = missingServices(state.health, wanted);
      if (missing.length === 0) return state.health;
      last = `services not ready: ${missing.map((name) => `${name}=${state.health.services[name] ?? 'absent'}`).join(', ')}`;
    } else if (state.kind === 'other') {
      last = state.detail;
    }
    await sleep(300);
  }
  throw new LocalStackError(`LocalStack did not become healthy in time (${last})`);
}

/**
 * A running LocalStack is reused only when it runs what was asked for: LocalStack reads its service list once, at
 * start-up, so the missing ones cannot be added to it.
 */
function refuseWithout(health: LocalStackHealth, services: readonly string[], port: number): void {
  const missing = missingServices(health, services);
  if (missing.length === 0) return;
  throw new LocalStackError(
    `the LocalStack on port ${port} runs without ${missing.join(', ')}, and services cannot be added to a running LocalStack: ` +
      `stop it (stepforge localstack stop --port ${port}) and start it again with --services ${missing.join(',')}`,
  );
}

/**
 * Installs on first use, then starts LocalStack detached in its own process group with its log in the state folder,
 * and returns once S3, SQS, Step Functions, STS and the services asked for answer. Calling it again, or with a LocalStack already serving the
 * port, starts nothing.
 */
export async function startLocalStack(options: StartOptions): Promise<StartResult> {
  const paths = localStackPaths(options.port ?? DEFAULT_PORT);
  // The lock waits as long as an install plus a start may take: the loser then finds the winner's process.
  return withStateLock(paths.stateDir, 600_000, () => startUnlocked(options));
}

async function startUnlocked(options: StartOptions): Promise<StartResult> {
  const port = options.port ?? DEFAULT_PORT;
  const endpoint = endpointFor(port);
  const paths = localStackPaths(port);
  const deadline = () => Date.now() + (options.timeoutMs ?? 120_000);
  const services = servicesToRun(options.services, process.env.SERVICES);

  const ours = recordedProcess(port);
  if (ours !== undefined) {
    const health = await waitForServices(port, ours, deadline(), STARTED_SERVICES);
    refuseWithout(health, services, port);
    options.logger.info('LocalStack already running', { endpoint, pid: ours });
    return { endpoint, pid: ours, reused: true, health };
  }
  const state = await probePort(port);
  if (state.kind === 'localstack') {
    const health = await waitForServices(port, undefined, deadline(), REQUIRED_SERVICES);
    // Someone else's LocalStack may lack STS (warned below), but not what was explicitly asked for.
    refuseWithout(
      health,
      services.filter((name) => !(STARTED_SERVICES as readonly string[]).includes(name)),
      port,
    );
    options.logger.info('reusing the LocalStack already serving this port', { endpoint, version: health.version });
    const withoutSts = missingServices(health, STARTED_SERVICES);
    if (withoutSts.length > 0) {
      options.logger.warn('this LocalStack lacks services that Step Functions integrations need', {
        missing: withoutSts,
      });
    }
    return { endpoint, pid: undefined, reused: true, health };
  }
  if (state.kind === 'other') {
    throw new LocalStackError(
      `port ${port} is in use by something that is not LocalStack (${state.detail}); use --port`,
    );
  }

  await ensureInstalled(paths, options.logger, options.onStep);
  mkdirSync(paths.volume, { recursive: true });
  linkLibsIntoVolume(paths.libs, paths.volume);

  const logFd = openSync(paths.log, 'w');
  const child = spawn(paths.venvPython, ['-m', 'localstack.runtime.main'], {
    cwd: paths.stateDir,
    env: localStackEnvironment(paths, port, process.env, services),
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  const pid = child.pid;
  if (pid === undefined) throw new LocalStackError(`could not spawn ${paths.venvPython}\n${logTail(paths.log)}`);
  child.unref();
  writePidFile(paths.pidFile, pid);
  options.logger.info('starting LocalStack', { endpoint, pid, log: paths.log });
  options.onStep?.(`started LocalStack (pid ${pid}, log ${paths.log})`);

  try {
    const health = await waitForServices(port, pid, deadline(), services, options.onStep);
    options.logger.info('LocalStack ready', { endpoint, pid, version: health.version });
    return { endpoint, pid, reused: false, health };
  } catch (error) {
    await terminateGroup(pid, 10_000);
    removePidFile(paths.pidFile);
    const reason = error instanceof Error ? error.message : String(error);
    throw new LocalStackError(`${reason}; last lines of ${paths.log}:\n${logTail(paths.log)}`);
  }
}
