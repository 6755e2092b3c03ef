/**
 * What a task-container step costs on top of Step Functions itself: a 10-step workflow of no-op task steps against
 * a 10-step workflow of Pass states, on the same LocalStack in the same run, for each dispatch (activity, queue).
 *
 *   node --import tsx bench/overhead.ts [--runs 7] [--activity-pollers 4]
 *
 * Prints the median execution time of each workflow (from Step Functions' own start/stop timestamps), the median
 * added milliseconds per task step, and whether that meets the goal of 150 ms. No absolute figure is asserted.
 * A dispatch whose executions fail on this endpoint is reported as not measured, with the error.
 */
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { createAwsClients, createLogger } from '../src/aws/index.ts';
import { deploy } from '../src/deploy/index.ts';
import { type AnyTaskDefinition, runWorker } from '../tasks/runtime/index.ts';
import { fixtureBuild, removeDeployment } from '../test/deploy/fixture-build.ts';

const STEPS = 10;
const GOAL_MS_PER_STEP = 150;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const pollersArg = process.argv.indexOf('--activity-pollers');
const ACTIVITY_POLLERS = pollersArg > 0 ? Number(process.argv[pollersArg + 1]) : 1;

process.env.AWS_ENDPOINT_URL ??= 'http://127.0.0.1:4566';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
const clients = createAwsClients();
const quiet = createLogger({ pretty: false, level: 'error', write: () => {} });

/** Registered only here: a task that returns its input, so the time measured is the dispatch alone. */
const noopTask: AnyTaskDefinition = {
  name: 'bench-noop',
  errorPrefix: 'BenchNoop',
  parseInput: (raw) => raw,
  run: async (input) => input,
};

type StepFactory = (index: number) => Record<string, unknown>;

function chain(step: StepFactory): unknown {
  const states: Record<string, unknown> = {};
  for (let index = 0; index < STEPS; index++) {
    states[`Step${index}`] = { ...step(index), ...(index === STEPS - 1 ? { End: true } : { Next: `Step${index + 1}` }) };
  }
  return { StartAt: 'Step0', States: states };
}

// The dispatch envelope of docs/internal-contracts.md, as the DSL's task-container steps build it.
const envelope = { 'input.$': '$', 'execution.$': '$$.Execution.Id', 'state.$': '$$.State.Name' };
const definitions: Record<string, unknown> = {
  pass: chain(() => ({ Type: 'Pass' })),
  activity: chain(() => ({ Type: 'Task', Resource: '${activity:stepforge-bench-noop}', Parameters: envelope, HeartbeatSeconds: 10 })),
  queue: chain(() => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
    Parameters: { QueueUrl: '${queue:stepforge-bench-noop-tasks}', MessageBody: { ...envelope, 'taskToken.$': '$$.Task.Token' } },
    HeartbeatSeconds: 10,
  })),
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function executionMs(stateMachineArn: string): Promise<number> {
  const { executionArn } = await clients.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"n":1}' }));
  for (;;) {
    const described = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') {
      if (described.status !== 'SUCCEEDED') throw new Error(`${executionArn} ended ${described.status}: ${described.error} ${described.cause}`);
      return described.stopDate!.getTime() - described.startDate!.getTime();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main(): Promise<void> {
  const build = await fixtureBuild('bench');
  await build.writeManifest({
    workflows: Object.keys(definitions).map((name) => ({ name, type: 'STANDARD', asl: `asl/${name}.asl.json`, tasks: ['bench-noop'] })),
    activities: ['stepforge-bench-noop'],
    queues: [{ name: 'stepforge-bench-noop-tasks', fifo: false, dlq: { name: 'stepforge-bench-noop-tasks-dlq', maxReceiveCount: 5 } }],
    buckets: [],
  });
  for (const [name, definition] of Object.entries(definitions)) await build.writeAsl(name, definition);
  const { deployment } = await deploy({ buildDir: build.dir, prefix: build.prefix, clients, logger: quiet });

  const stop = new AbortController();
  const logger = process.env.APP_DEBUG ? createLogger({ pretty: true, level: 'debug' }) : quiet;
  // LocalStack's GetActivityTask looks for a task once a second (`time.sleep(1)` in its provider's
  // _pull_activity_task), so on LocalStack a task waits up to a second for a poll that is already waiting; AWS answers
  // a waiting poll as soon as a task is scheduled. Extra pollers can be started at staggered phases to see whether
  // they help (on LocalStack 2026.3.0 they did not). The queue dispatch long-polls SQS, which answers at once.
  const common = { definition: noopTask, graceSeconds: 2, logger, stop: stop.signal };
  const workers = [runWorker({ ...common, dispatch: 'queue', concurrency: 1, queueUrl: deployment.queues['stepforge-bench-noop-tasks']!.url })];
  for (let poller = 0; poller < ACTIVITY_POLLERS; poller++) {
    workers.push(runWorker({ ...common, dispatch: 'activity', concurrency: 1, activityArn: deployment.activities['stepforge-bench-noop'] }));
    await new Promise((resolve) => setTimeout(resolve, 1000 / ACTIVITY_POLLERS));
  }

  const samples: Record<string, number[]> = { pass: [], activity: [], queue: [] };
  // Failed executions are counted, not fatal: a dispatch the endpoint cannot run at all (LocalStack without STS fails
  // every SQS integration) is reported as not measured, an occasional lost task as a failure count.
  const failures: Record<string, string[]> = { pass: [], activity: [], queue: [] };
  const measure = async (name: string, keep: boolean) => {
    // Three failures in a row with no success: this dispatch does not work here; stop spending time on it.
    if (failures[name]!.length >= 3 && samples[name]!.length === 0) return;
    try {
      const ms = await executionMs(deployment.workflows[name]!.stateMachineArn);
      if (keep) samples[name]!.push(ms);
    } catch (error) {
      failures[name]!.push((error as Error).message);
    }
  };
  // One warm-up each, then interleaved runs so a slow moment of the shared machine hits every workflow alike.
  for (const name of Object.keys(samples)) await measure(name, false);
  for (let run = 0; run < RUNS; run++) {
    for (const name of Object.keys(samples)) await measure(name, true);
  }
  stop.abort();
  await Promise.all(workers);
  await removeDeployment(clients, deployment);
  if (!samples.pass!.length) throw new Error(`the Pass baseline failed: ${failures.pass!.join('; ')}`);

  const baseline = median(samples.pass!);
  process.stdout.write(`runs per workflow: ${RUNS} (after 1 warm-up), ${STEPS} steps each; activity pollers: ${ACTIVITY_POLLERS}\n`);
  process.stdout.write(`pass baseline: median ${baseline.toFixed(0)} ms per execution\n`);
  for (const dispatch of ['activity', 'queue']) {
    const failed = failures[dispatch]!;
    if (!samples[dispatch]!.length) {
      process.stdout.write(`${dispatch.padEnd(8)}: NOT MEASURED, every execution failed: ${failed[0]}\n`);
      continue;
    }
    const total = median(samples[dispatch]!);
    const perStep = (total - baseline) / STEPS;
    process.stdout.write(
      `${dispatch.padEnd(8)}: median ${total.toFixed(0)} ms per execution = ${(total / baseline).toFixed(2)}x the Pass baseline; ` +
        `added ${perStep.toFixed(1)} ms per task step (goal <= ${GOAL_MS_PER_STEP}: ${perStep <= GOAL_MS_PER_STEP ? 'met' : 'NOT met'})` +
        `${failed.length ? `; ${failed.length} execution(s) failed, first: ${failed[0]}` : ''}\n`,
    );
  }
}

await main();
