// Shared by the example e2e tests: generate the real workflows/, deploy them under a unique prefix to the shared
// LocalStack, run task workers as child processes (`stepforge worker <task>`), run executions to their end.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { createAwsClients, createLogger } from '../../../src/aws/index.ts';
import { workerDispatch } from '../../../src/dev/worker-dispatch.ts';
import { type Deployment, deploy } from '../../../src/deploy/index.ts';
import { generate, hasErrors } from '../../../src/generator/index.ts';
import { removeDeployment, uniquePrefix } from '../../deploy/fixture-build.ts';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(repoRoot, 'bin/stepforge.mjs');
export const clients = createAwsClients();
const quiet = createLogger({ pretty: false, level: 'error', write: () => {} });

export interface DeployedExamples {
  readonly buildDir: string;
  readonly prefix: string;
  readonly deployment: Deployment;
}

/**
 * The examples as `stepforge generate` compiles them, written to a temporary build folder and deployed;
 * `beforeDeploy` may change the build folder first (bench/soak.ts adds task timeouts).
 */
export async function deployExamples(
  label: string,
  beforeDeploy?: (buildDir: string) => Promise<void>,
): Promise<DeployedExamples> {
  const buildDir = await mkdtemp(join(tmpdir(), `stepforge-e2e-${label}-`));
  const outcome = await generate({
    projectRoot: repoRoot,
    workflowsDir: 'workflows',
    outDir: buildDir,
    secondOpinion: false,
  });
  if (hasErrors(outcome.findings)) throw new Error(`generate found errors: ${JSON.stringify(outcome.findings)}`);
  for (const [path, text] of outcome.files) {
    const absolute = resolve(repoRoot, path);
    // serverless-localstack.yml belongs to the project root; the test only needs the build folder.
    if (!absolute.startsWith(buildDir)) continue;
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, text);
  }
  await beforeDeploy?.(buildDir);
  const prefix = uniquePrefix(label);
  const { deployment } = await deploy({ buildDir, prefix, clients, logger: quiet });
  return { buildDir, prefix, deployment };
}

export interface RunningWorker {
  readonly child: ChildProcess;
  /** What the worker logged, for assertion messages. */
  readonly log: () => string;
  /** SIGTERM, then the exit code (0 after a clean shutdown). */
  stop(): Promise<number>;
}

/** `stepforge worker <task>` on the dispatches this deployment created for it (as `stepforge dev` runs it). */
export function startWorker(task: string, examples: DeployedExamples, env: Record<string, string> = {}): RunningWorker {
  const dispatch = workerDispatch(task, examples.deployment);
  if (!dispatch) throw new Error(`no workflow of the deployment dispatches to ${task}`);
  const child = spawn(
    process.execPath,
    [
      bin,
      'worker',
      task,
      '--dispatch',
      dispatch,
      '--build',
      examples.buildDir,
      '--grace-seconds',
      '5',
      '--concurrency',
      '2',
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number>((resolveExit) => child.on('exit', (code) => resolveExit(code ?? 1)));
  return {
    child,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export interface ExecutionResult {
  readonly status: string;
  readonly output: unknown;
  readonly error: string | undefined;
  readonly cause: string | undefined;
}

/** Starts an execution and waits for its end (or gives up after `timeoutMs`, returning RUNNING). */
export async function runExecution(
  stateMachineArn: string,
  input: unknown,
  timeoutMs = 120_000,
): Promise<ExecutionResult> {
  const { executionArn } = await clients.sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const described = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING' || Date.now() > deadline) {
      return {
        status: described.status ?? 'UNKNOWN',
        output: described.output ? JSON.parse(described.output) : undefined,
        error: described.error,
        cause: described.cause,
      };
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
}

/** Runs `work` in slices of `size` at a time: enough parallelism to be quick, not enough to swamp LocalStack. */
export async function inBatches<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < items.length; start += size)
    await Promise.all(items.slice(start, start + size).map(work));
}

/** Removes what `deployExamples` created, so the LocalStack shared by every test run does not fill up. */
export function removeExamples({ deployment }: DeployedExamples): Promise<void> {
  return removeDeployment(clients, deployment);
}
