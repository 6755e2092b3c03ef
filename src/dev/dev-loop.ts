import { resolve } from 'node:path';
import { createSfnClient, type Logger, readAwsConfig } from '../aws/index.ts';
import { type Deployment, deploy, formatReport, type Manifest, readManifest } from '../deploy/index.ts';
import { projectPath, removeStackRecord, writeStackRecord } from '../localstack/index.ts';
import { probeDeployment, sfnPortFromClient } from '../server/index.ts';
import { readyBanner } from './banner.ts';
import { runStepforge, spawnStepforge } from './child-processes.ts';
import { serialised, watchDebounced } from './debounced-watch.ts';
import { DevLocalStack } from './owned-local-stack.ts';
import { watchStack } from './stack-watch.ts';
import { SupervisedChild } from './supervised-child.ts';
import { taskEnvironment } from './task-environment.ts';
import { workerDispatch } from './worker-dispatch.ts';

export interface DevOptions {
  readonly port: number;
  readonly host: string;
  /** The project root: children run here, `workflows/` and `build/` are relative to it. */
  readonly cwd: string;
  readonly workflowsDir: string;
  readonly buildDir: string;
  readonly prefix: string;
  /** Quiet time after the last edit before regenerating. */
  readonly quietMs: number;
  /** How often the stack is checked (LocalStack alive, deployment there); default 3 s. */
  readonly checkMs?: number;
  readonly logger: Logger;
  /** Resolves when the loop should stop (SIGINT/SIGTERM in the CLI). */
  readonly stopSignal: Promise<unknown>;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Workers get this long to finish in-flight work on Ctrl-C, and are killed a second later. Short on purpose: it is
 * also how long an idle worker's last long poll runs on after SIGTERM (tasks/README.md, "A stopped worker's last
 * poll"), which in production hands a late message back for another worker; in dev no other worker is left to take it,
 * so a longer wait would only slow every Ctrl-C (5 s here made each Ctrl-C take 5 s instead of 0.5 s). A task cut
 * short fails with Worker.Shutdown, which its step's Retry runs again.
 */
const WORKER_GRACE_SECONDS = 1;
const CHILD_KILL_MS = (WORKER_GRACE_SECONDS + 1) * 1000;
const SERVER_UP_TIMEOUT_MS = 30_000;

async function waitLive(url: string, timeoutMs: number, stillAlive: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && stillAlive()) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/**
 * `stepforge dev`: LocalStack, generate, deploy, a worker per task a deployed workflow uses, the server; regenerate
 * and redeploy when `workflows/` changes; keep it all alive (restart what exits, start a dead LocalStack again,
 * redeploy to one that came back empty); on stop, end every child it started and LocalStack only if it started it.
 */
export async function runDevLoop(options: DevOptions): Promise<number> {
  const { logger, cwd, env } = options;
  let localStack: DevLocalStack;
  try {
    localStack = await DevLocalStack.acquire(env.AWS_ENDPOINT_URL!, logger, env);
  } catch (error) {
    logger.error(`LocalStack did not start (\`stepforge localstack status\` tells more): ${(error as Error).message}`);
    return 1;
  }
  const endpoint = localStack.endpoint;
  const apiUrl = `http://${options.host}:${options.port}`;
  // Tells `stepforge start|history|deploy|worker|run` in another terminal of this project where this LocalStack is.
  const recordStack = () =>
    writeStackRecord(
      {
        pid: process.pid,
        project: projectPath(cwd),
        endpoint,
        api: apiUrl,
        ...(localStack.ownedPid ? { localStackPid: localStack.ownedPid } : {}),
      },
      env,
    );
  recordStack();
  const forgetRecord = () => removeStackRecord(process.pid, env);
  process.once('exit', forgetRecord);
  const buildDir = resolve(cwd, options.buildDir);
  const workers = new Map<string, SupervisedChild>();
  let deployment: Deployment | undefined;
  let manifest: Manifest | undefined;
  let stopping = false;
  let deploying = false;
  let generateNext = true;
  /** Whether the last cycle deployed: a recovery that could not deploy is tried again on the next check. */
  let deployed = false;

  const startWorker = (task: string): SupervisedChild =>
    new SupervisedChild(
      `worker ${task}`,
      () =>
        spawnStepforge(
          `worker:${task}`,
          [
            'worker',
            task,
            '--dispatch',
            workerDispatch(task, deployment!) ?? 'queue',
            '--build',
            buildDir,
            '--grace-seconds',
            String(WORKER_GRACE_SECONDS),
          ],
          taskEnvironment(task, manifest, deployment!, env, (message) => logger.warn(message)),
          cwd,
        ),
      logger,
    );

  const syncWorkers = async (): Promise<void> => {
    const tasks = new Set(Object.values(deployment!.workflows).flatMap((workflow) => workflow.tasks));
    // A workflow file deleted: deploy removed its state machine (and its activities), so its workers have nothing left.
    const unused = [...workers.keys()].filter((task) => !tasks.has(task) || !workerDispatch(task, deployment!));
    if (unused.length) {
      logger.info('stopping workers no deployed workflow uses', { tasks: unused });
      await Promise.all(unused.map((task) => workers.get(task)!.stop(CHILD_KILL_MS)));
      for (const task of unused) workers.delete(task);
    }
    for (const task of [...tasks].sort()) {
      if (!workerDispatch(task, deployment!) || stopping) continue;
      const worker = workers.get(task) ?? startWorker(task);
      workers.set(task, worker);
      worker.start();
    }
  };

  const cycle = async (): Promise<void> => {
    deploying = true;
    deployed = false;
    try {
      if (generateNext) {
        generateNext = false;
        const generated = await runStepforge(
          'generate',
          ['generate', '--workflows', options.workflowsDir, '--out', options.buildDir, '--target', 'localstack'],
          env,
          cwd,
        );
        if (generated !== 0) {
          logger.error(`generate failed (exit ${generated}); fix ${options.workflowsDir}/ and save to retry`);
          return;
        }
      }
      try {
        const result = await deploy({ buildDir, prefix: options.prefix, env, logger });
        process.stdout.write(formatReport(result.actions, result.deploymentPath));
        deployment = result.deployment;
        manifest = await readManifest(buildDir);
        deployed = true;
      } catch (error) {
        logger.error(`deploy failed: ${(error as Error).message}; fix and save to retry`);
        return;
      }
      await syncWorkers();
    } finally {
      deploying = false;
    }
  };
  const redeploy = serialised(cycle);
  await redeploy();

  const server = new SupervisedChild(
    'server',
    () =>
      spawnStepforge(
        'serve',
        ['serve', '--port', String(options.port), '--host', options.host, '--build', buildDir],
        env,
        cwd,
      ),
    logger,
  );
  server.start();
  if (!(await waitLive(`${apiUrl}/health/live`, SERVER_UP_TIMEOUT_MS, () => server.running()))) {
    logger.error(`the server did not answer on ${apiUrl}/health/live; see its lines above`);
  }

  const stopWatchingFiles = watchDebounced(resolve(cwd, options.workflowsDir), options.quietMs, (files) => {
    logger.info('workflows changed; regenerating and redeploying', { files });
    generateNext = true;
    void redeploy().then(() => logger.info('redeployed'));
  });

  const sfnClient = createSfnClient(readAwsConfig(env));
  const sfn = sfnPortFromClient(sfnClient);
  const stopWatchingStack = watchStack({
    intervalMs: options.checkMs ?? 3_000,
    logger,
    localStack,
    deployment: () => deployment,
    busy: () => deploying || stopping,
    probe: (stateMachines) => probeDeployment(sfn, stateMachines),
    recover: async (why) => {
      recordStack();
      await redeploy();
      if (stopping) return;
      if (!deployed) return void logger.warn(`could not redeploy after ${why}; trying again on the next check`);
      // Their queues and activities were recreated; a fresh worker holds no poll or token of the LocalStack that went.
      await Promise.all([...workers.values()].map((worker) => worker.restart(CHILD_KILL_MS)));
      logger.info(`recovered (${why}): redeployed and restarted the workers`, { workers: [...workers.keys()] });
    },
  });

  process.stdout.write(
    await readyBanner({
      apiUrl,
      endpoint,
      localStackPid: localStack.ownedPid,
      workflowsDir: options.workflowsDir,
      buildDir,
      tasks: [...workers.keys()],
      deployment,
      tokenSet: Boolean(env.STEPFORGE_API_TOKEN?.trim()),
    }),
  );
  await options.stopSignal;

  const stopBegan = Date.now();
  stopping = true;
  logger.info('stopping', {
    children: ['server', ...[...workers.keys()].map((task) => `worker ${task}`)],
    localStack: localStack.ownedPid ?? 'not ours',
  });
  stopWatchingFiles();
  stopWatchingStack();
  sfnClient.destroy();
  const children = () =>
    Promise.all([server.stop(CHILD_KILL_MS), ...[...workers.values()].map((worker) => worker.stop(CHILD_KILL_MS))]);
  if (localStack.disposable) await Promise.all([children(), localStack.stop()]);
  else await children().then(() => localStack.stop());
  forgetRecord();
  logger.info(`stopped in ${((Date.now() - stopBegan) / 1000).toFixed(1)} s`);
  return 0;
}
