import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from '../aws/index.ts';
import { type Deployment, deploy, formatReport } from '../deploy/index.ts';
import { runStepforge, spawnStepforge, type StepforgeChild, stopChildren } from './child-processes.ts';
import { serialised, watchDebounced } from './debounced-watch.ts';
import { sampleFromSchema, shellQuote } from './sample-input.ts';
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
  readonly logger: Logger;
  /** Resolves when the loop should stop (SIGINT/SIGTERM in the CLI). */
  readonly stopSignal: Promise<unknown>;
  readonly env: NodeJS.ProcessEnv;
}

/** Workers get this long to finish in-flight work on Ctrl-C before they are killed. */
const WORKER_GRACE_SECONDS = 5;
const HEALTH_TIMEOUT_MS = 30_000;

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitHealthy(url: string, timeoutMs: number, stillAlive: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && stillAlive()) {
    if (await healthy(url)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

function isRunning(child: StepforgeChild | undefined): child is StepforgeChild {
  return child !== undefined && child.process.exitCode === null && child.process.signalCode === null;
}

/** The workflow the printed curl starts: the showcase when deployed (it needs no data), else the first by name. */
function exampleWorkflow(deployment: Deployment): string | undefined {
  const names = Object.keys(deployment.workflows).sort();
  return names.includes('showcase') ? 'showcase' : names[0];
}

async function exampleInput(options: DevOptions, deployment: Deployment, workflow: string): Promise<string> {
  const schemaPath = deployment.workflows[workflow]?.schema;
  if (!schemaPath) return '{}';
  try {
    return JSON.stringify(sampleFromSchema(JSON.parse(await readFile(resolve(options.cwd, options.buildDir, schemaPath), 'utf8'))));
  } catch {
    return '{}';
  }
}

/**
 * `stepforge dev`: LocalStack, generate, deploy, a worker per task a deployed workflow uses, the server; regenerate
 * and redeploy when `workflows/` changes; on stop, end every child it started and LocalStack only if it started it.
 */
export async function runDevLoop(options: DevOptions): Promise<number> {
  const { logger, cwd, env } = options;
  const endpoint = env.AWS_ENDPOINT_URL!;
  let startedLocalStack = false;
  if (!(await healthy(`${endpoint}/_localstack/health`))) {
    logger.info('starting LocalStack', { endpoint });
    const port = new URL(endpoint).port || '4566';
    if ((await runStepforge('localstack', ['localstack', 'start', '--port', port], env, cwd)) !== 0) {
      logger.error('LocalStack did not start; see the lines above (`stepforge localstack status` tells more)');
      return 1;
    }
    startedLocalStack = true;
  }

  const workers = new Map<string, StepforgeChild>();
  let deployment: Deployment | undefined;
  const buildDir = resolve(cwd, options.buildDir);

  const cycle = async (): Promise<void> => {
    const generated = await runStepforge('generate', ['generate', '--workflows', options.workflowsDir, '--out', options.buildDir, '--target', 'localstack'], env, cwd);
    if (generated !== 0) {
      logger.error(`generate failed (exit ${generated}); fix ${options.workflowsDir}/ and save to retry`);
      return;
    }
    try {
      const result = await deploy({ buildDir, prefix: options.prefix, env, logger });
      process.stdout.write(formatReport(result.actions, result.deploymentPath));
      deployment = result.deployment;
    } catch (error) {
      logger.error(`deploy failed: ${(error as Error).message}; fix and save to retry`);
      return;
    }
    const tasks = [...new Set(Object.values(deployment.workflows).flatMap((workflow) => workflow.tasks))].sort();
    // A workflow file deleted: deploy removed its state machine (and its activities), so its workers have nothing left.
    const unused = [...workers].filter(([task]) => !tasks.includes(task));
    if (unused.length) {
      logger.info('stopping workers no deployed workflow uses', { tasks: unused.map(([task]) => task) });
      for (const [task] of unused) workers.delete(task);
      await stopChildren(unused.map(([, child]) => child), (WORKER_GRACE_SECONDS + 5) * 1000, logger);
    }
    for (const task of tasks) {
      const dispatch = workerDispatch(task, deployment);
      if (isRunning(workers.get(task)) || !dispatch) continue;
      const child = spawnStepforge(
        `worker:${task}`,
        ['worker', task, '--dispatch', dispatch, '--build', buildDir, '--grace-seconds', String(WORKER_GRACE_SECONDS)],
        taskEnvironment(task, deployment, env),
        cwd,
      );
      child.exited.then((code) => {
        if (!stopping && workers.get(task) === child) logger.warn(`worker ${task} exited (code ${code}); it restarts on the next redeploy`);
      });
      workers.set(task, child);
    }
  };

  let stopping = false;
  const redeploy = serialised(cycle);
  await redeploy();

  const server = spawnStepforge('serve', ['serve', '--port', String(options.port), '--host', options.host, '--build', buildDir], env, cwd);
  const apiUrl = `http://${options.host}:${options.port}`;
  const serverUp = await waitHealthy(`${apiUrl}/health`, HEALTH_TIMEOUT_MS, () => isRunning(server));
  if (!serverUp) logger.error(`the server did not answer on ${apiUrl}/health; see its lines above`);

  const stopWatching = watchDebounced(resolve(cwd, options.workflowsDir), options.quietMs, (files) => {
    logger.info('workflows changed; regenerating and redeploying', { files });
    void redeploy().then(() => logger.info('redeployed'));
  });

  await printReady(options, apiUrl, endpoint, deployment, [...workers.keys()]);
  await options.stopSignal;

  stopping = true;
  logger.info('stopping', { children: [server.label, ...[...workers.values()].map((child) => child.label)] });
  stopWatching();
  await stopChildren([server, ...workers.values()], (WORKER_GRACE_SECONDS + 5) * 1000, logger);
  if (startedLocalStack) await runStepforge('localstack', ['localstack', 'stop'], env, cwd);
  logger.info('stopped');
  return 0;
}

async function printReady(options: DevOptions, apiUrl: string, endpoint: string, deployment: Deployment | undefined, tasks: string[]): Promise<void> {
  const lines = [
    '',
    'stepforge dev is running',
    `  API         ${apiUrl}  (GET /workflows, GET /openapi.json)`,
    `  LocalStack  ${endpoint}`,
    `  workers     ${tasks.join(', ') || 'none (no deployed workflow uses a task)'}`,
  ];
  const workflow = deployment ? exampleWorkflow(deployment) : undefined;
  if (deployment && workflow) {
    const input = await exampleInput(options, deployment, workflow);
    lines.push(
      `  workflows   ${Object.keys(deployment.workflows).sort().join(', ')}`,
      '',
      'Start an example execution:',
      `  curl -sS -X POST ${apiUrl}/workflows/${workflow}/executions -H 'content-type: application/json' -d ${shellQuote(input)}`,
      `  npx stepforge start ${workflow} --input ${shellQuote(input)} --wait`,
    );
  } else {
    lines.push('', `Nothing deployed yet: add a workflow to ${options.workflowsDir}/ (or fix the error above) and save.`);
  }
  lines.push('', `Watching ${options.workflowsDir}/ for changes; Ctrl-C stops everything.`, '');
  process.stdout.write(`${lines.join('\n')}\n`);
}
