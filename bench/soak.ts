// Soak: N executions of each example workflow through the HTTP API (`stepforge serve`), while the task workers
// (`stepforge worker`, child processes) are killed with SIGKILL at seeded random moments and started again. Prints
// what became of every execution: succeeded, failed with a named error, lost (POST said 201, the execution does not
// exist), hung (still RUNNING at the deadline); and the p50/p95 of the POST. Stops by itself and removes what it made.
//
//   npx stepforge localstack start && node --import tsx bench/soak.ts [--per-workflow 4] [--kills 8] [--seed 1]
//     [--spread-seconds 20] [--deadline-seconds 120] [--concurrency 4] [--workflows a,b] [--task-timeouts H,T]
//
// --task-timeouts H,T gives every Task that waits on a worker HeartbeatSeconds H and TimeoutSeconds T where it has
// none, and a Retry on States.Timeout, States.HeartbeatTimeout and Worker.Shutdown (what the DSL's defaults are to do).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { addWorkerStepDefaults } from './soak/task-timeouts.ts';
import { startStepforge } from './soak/processes.ts';
import { seededRandom } from './soak/random.ts';
import { countOutcomes, countsLine, type Finished, type Outcome, percentile } from './soak/tally.ts';
import { exampleWorkloads, startReceiver, type Workload } from './soak/workloads.ts';
import { pause, WorkerPool } from './soak/workers.ts';
import { numberOption, useLocalStackDefaults } from './support.ts';

function stringOption(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

const perWorkflow = numberOption('per-workflow', 4);
const maxKills = numberOption('kills', 8);
const seed = numberOption('seed', 1);
const spreadSeconds = numberOption('spread-seconds', 20);
const deadlineSeconds = numberOption('deadline-seconds', 120);
const concurrency = numberOption('concurrency', 4);
const onlyWorkflows = stringOption('workflows')?.split(',');
const taskTimeouts = stringOption('task-timeouts')?.split(',').map(Number);
for (const [name, value] of Object.entries({
  perWorkflow,
  maxKills,
  seed,
  spreadSeconds,
  deadlineSeconds,
  concurrency,
})) {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(
      `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: a whole number >= 0, got ${value}`,
    );
}
if (
  taskTimeouts &&
  (taskTimeouts.length !== 2 ||
    !taskTimeouts.every((n) => Number.isInteger(n) && n > 0) ||
    taskTimeouts[0]! >= taskTimeouts[1]!)
) {
  throw new RangeError('--task-timeouts: HEARTBEAT,TIMEOUT in whole seconds, heartbeat below timeout (e.g. 20,300)');
}

useLocalStackDefaults();
// After the defaults: the harness creates its AWS clients when it is loaded.
const { clients, deployExamples, removeExamples } = await import('../test/support/e2e/harness.ts');

const random = seededRandom(seed);
const interrupted = new AbortController();
process.once('SIGINT', () => interrupted.abort());
const began = performance.now();
const elapsed = () => `${((performance.now() - began) / 1000).toFixed(0)} s`;
const say = (line: string) => process.stdout.write(`[${elapsed()}] ${line}\n`);

interface Tracked {
  readonly workflow: string;
  readonly execution: string;
  readonly executionArn: string;
  outcome?: Outcome;
}

const logDir = await mkdtemp(join(tmpdir(), 'stepforge-soak-'));
say(`seed ${seed}; ${perWorkflow} per workflow; up to ${maxKills} kills; logs in ${logDir}`);
const examples = await deployExamples(
  'soak',
  taskTimeouts ? (buildDir) => addWorkerStepDefaults(buildDir, taskTimeouts[0]!, taskTimeouts[1]!) : undefined,
);
const { deployment, buildDir } = examples;
const server = startStepforge(['serve', '--port', '0', '--build', buildDir], join(logDir, 'serve.log'));
const pool = await WorkerPool.forDeployment(deployment, buildDir, logDir);
const receiver = await startReceiver();
const latencies: number[] = [];
const finished: Finished[] = [];
const tracked: Tracked[] = [];
const stopChaos = new AbortController();
let chaos: Promise<void> = Promise.resolve();

try {
  const url = (await server.waitFor(/stepforge server: (\S+)/, 60_000))[1]!;
  await pool.startAll();
  say(`deployed under ${deployment.prefix}; server ${url}; workers: ${pool.taskNames.join(', ')}`);
  const workloads = exampleWorkloads(deployment, clients, receiver).filter(
    (workload) => !onlyWorkflows || onlyWorkflows.includes(workload.workflow),
  );
  for (const workload of workloads) await workload.setUp();

  chaos = pool.chaos(
    random,
    { maxKills, gapMs: [2_000, 6_000], restartMs: [300, 1_500] },
    AbortSignal.any([stopChaos.signal, interrupted.signal]),
    say,
  );
  const jobs = random
    .shuffle(workloads.flatMap((workload) => Array.from({ length: perWorkflow }, (_, index) => ({ workload, index }))))
    .map((job) => ({ ...job, at: random.between(0, spreadSeconds * 1000) }))
    .sort((a, b) => a.at - b.at);
  const postStart = performance.now();
  const post = async ({ workload, index, at }: { workload: Workload; index: number; at: number }) => {
    await pause(Math.max(0, postStart + at - performance.now()), interrupted.signal);
    if (interrupted.signal.aborted) return;
    await workload.beforeEach(index);
    const token = process.env.STEPFORGE_API_TOKEN;
    const sent = performance.now();
    try {
      const response = await fetch(`${url}/workflows/${workload.workflow}/executions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(workload.input(index)),
        signal: AbortSignal.timeout(30_000),
      });
      latencies.push(performance.now() - sent);
      const body = (await response.json()) as { execution?: string; executionArn?: string };
      if (response.status === 201 && body.execution && body.executionArn) {
        tracked.push({ workflow: workload.workflow, execution: body.execution, executionArn: body.executionArn });
      } else {
        finished.push({ workflow: workload.workflow, outcome: { kind: 'rejected', status: response.status } });
      }
    } catch (error) {
      finished.push({ workflow: workload.workflow, outcome: { kind: 'rejected', status: (error as Error).name } });
    }
  };
  const lanes = Array.from({ length: Math.max(1, concurrency) }, async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) await post(job);
  });
  await Promise.all(lanes);
  say(
    `${tracked.length} executions started (${finished.length} POSTs refused); waiting up to ${deadlineSeconds} s for them to end`,
  );

  // The kills go on a little after the last POST, then the workers are left to finish the work.
  void pause(20_000, interrupted.signal).then(() => stopChaos.abort());
  const deadline = performance.now() + deadlineSeconds * 1000;
  const endOf = async (item: Tracked): Promise<Outcome | undefined> => {
    const response = await fetch(`${url}/workflows/${item.workflow}/executions/${encodeURIComponent(item.execution)}`, {
      signal: AbortSignal.timeout(30_000),
    });
    if (response.status === 404) {
      // The API says it does not exist: ask Step Functions itself before calling it lost.
      const described = await clients.sfn
        .send(new DescribeExecutionCommand({ executionArn: item.executionArn }))
        .catch((error: Error) => error);
      return described instanceof Error && described.name === 'ExecutionDoesNotExist' ? { kind: 'lost' } : undefined;
    }
    if (!response.ok) return undefined;
    const { status, error } = (await response.json()) as { status: string; error?: string | null };
    if (status === 'RUNNING') return undefined;
    if (status === 'SUCCEEDED') return { kind: 'succeeded' };
    return error ? { kind: 'failed-named', error } : { kind: 'failed-unnamed', status };
  };
  for (;;) {
    const open = tracked.filter((item) => !item.outcome);
    if (open.length === 0 || performance.now() > deadline || interrupted.signal.aborted) break;
    for (let start = 0; start < open.length; start += 8) {
      await Promise.all(
        open.slice(start, start + 8).map(async (item) => (item.outcome = await endOf(item).catch(() => undefined))),
      );
    }
    await pause(1_000, interrupted.signal);
  }
} finally {
  stopChaos.abort();
  await chaos.catch(() => undefined);
  for (const item of tracked) {
    if (item.outcome) continue;
    item.outcome = { kind: 'hung' };
    // Stopped so nothing of the soak goes on running in the LocalStack.
    await clients.sfn
      .send(new StopExecutionCommand({ executionArn: item.executionArn, error: 'Soak.Hung' }))
      .catch(() => undefined);
  }
  finished.push(...tracked.map((item) => ({ workflow: item.workflow, outcome: item.outcome! })));
  await pool.stopAll(8_000);
  await server.stop(5_000);
  await receiver.close();
  await removeExamples(examples).catch((error: Error) => say(`cleanup of the deployment failed: ${error.message}`));
  await rm(buildDir, { recursive: true, force: true });
}

const byWorkflow = new Map<string, Finished[]>();
for (const item of finished) byWorkflow.set(item.workflow, [...(byWorkflow.get(item.workflow) ?? []), item]);
for (const [workflow, items] of [...byWorkflow].sort(([a], [b]) => a.localeCompare(b)))
  say(`${workflow.padEnd(18)} ${countsLine(countOutcomes(items))}`);
for (const item of tracked
  .filter((entry) => entry.outcome!.kind === 'hung' || entry.outcome!.kind === 'lost')
  .slice(0, 10)) {
  say(`${item.outcome!.kind}: ${item.workflow} ${item.execution} (${item.executionArn})`);
}
const total = countOutcomes(finished);
const p50 = percentile(latencies, 50).toFixed(0);
const p95 = percentile(latencies, 95).toFixed(0);
say(
  `POST latency: p50 ${p50} ms, p95 ${p95} ms (${latencies.length} POSTs); worker kills ${pool.kills}, unexpected worker exits ${pool.unexpectedExits}`,
);
process.stdout.write(
  `soak: ${countsLine(total)}; POST p50 ${p50} ms p95 ${p95} ms; ${pool.kills} kills; seed ${seed}; ${elapsed()}\n`,
);
process.exitCode = total.lost || total.hung || total.failedUnnamed || interrupted.signal.aborted ? 1 : 0;
