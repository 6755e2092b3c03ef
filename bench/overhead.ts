/**
 * What a task-container step costs on top of Step Functions itself: a 10-step workflow of no-op task steps against
 * a 10-step workflow of Pass states, on the same LocalStack in the same run, for each dispatch (activity, queue).
 *
 *   node --import tsx bench/overhead.ts [--runs 7] [--activity-pollers 1]
 *
 * The figure is per step, from Step Functions' own history: the time from one step's `StateEntered` to the next's.
 * The median of those periods for task steps minus the median for Pass steps is the added cost of a task step.
 * A step whose task was lost (its heartbeat timed out and the Retry ran it again) is left out of the periods and
 * counted. Also printed: the added mean per step from the execution medians (periods can be bimodal on LocalStack).
 * Nothing absolute is asserted; the output is the ratio to the Pass baseline and the goal (150 ms).
 */
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { createAwsClients, createLogger } from '../src/aws/index.ts';
import { readEvents } from '../src/cli/execution-steps.ts';
import { deploy } from '../src/deploy/index.ts';
import { type AnyTaskDefinition, runWorker } from '../tasks/runtime/index.ts';
import { fixtureBuild, removeDeployment } from '../test/deploy/fixture-build.ts';
import { median, numberOption, useLocalStackDefaults } from './support.ts';

const STEPS = 10;
const GOAL_MS_PER_STEP = 150;
const RUNS = numberOption('runs', 7);
const ACTIVITY_POLLERS = numberOption('activity-pollers', 1);

useLocalStackDefaults();
const clients = createAwsClients();
const quiet = createLogger({ pretty: false, level: 'error', write: () => {} });

/** Registered only here: a task that returns its input, so the time measured is the dispatch alone. */
const noopTask: AnyTaskDefinition = {
  name: 'bench-noop',
  errorPrefix: 'BenchNoop',
  parseInput: (raw) => raw,
  run: async (input) => input,
};

function chain(step: () => Record<string, unknown>): unknown {
  const states: Record<string, unknown> = {};
  for (let index = 0; index < STEPS; index++) {
    states[`Step${index}`] = { ...step(), ...(index === STEPS - 1 ? { End: true } : { Next: `Step${index + 1}` }) };
  }
  return { StartAt: 'Step0', States: states };
}

// The dispatch envelope of docs/internal-contracts.md, as the DSL's task-container steps build it. A lost task
// (seen on LocalStack: the worker never receives it) times out on the heartbeat and is dispatched again.
const envelope = { 'input.$': '$', 'execution.$': '$$.Execution.Id', 'state.$': '$$.State.Name' };
const retryLost = {
  HeartbeatSeconds: 10,
  Retry: [{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 1, MaxAttempts: 3 }],
};
const definitions: Record<string, unknown> = {
  pass: chain(() => ({ Type: 'Pass' })),
  activity: chain(() => ({
    Type: 'Task',
    Resource: '${activity:stepforge-bench-noop}',
    Parameters: envelope,
    ...retryLost,
  })),
  queue: chain(() => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
    Parameters: {
      QueueUrl: '${queue:stepforge-bench-noop-tasks}',
      MessageBody: { ...envelope, 'taskToken.$': '$$.Task.Token' },
    },
    ...retryLost,
  })),
};

interface Measured {
  /** StateEntered(step i) -> StateEntered(step i+1), for the steps that ran once. */
  readonly periods: number[];
  /** Steps whose task was dispatched more than once. */
  readonly lost: number;
  readonly totalMs: number;
}

/** Runs one execution to its end and reads the step periods from its history. */
async function measure(stateMachineArn: string): Promise<Measured> {
  const executionArn = (await clients.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"n":1}' })))
    .executionArn!;
  let described: DescribeExecutionCommandOutput;
  for (;;) {
    described = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (described.status !== 'SUCCEEDED')
    throw new Error(`${executionArn} ended ${described.status}: ${described.error} ${described.cause}`);
  const entered: number[] = [];
  const timedOut = new Set<number>();
  for (const event of await readEvents(clients.sfn, executionArn)) {
    if (event.type?.endsWith('StateEntered')) entered.push(event.timestamp!.getTime());
    // A timeout belongs to the step entered last.
    else if (event.type?.endsWith('TimedOut')) timedOut.add(entered.length - 1);
  }
  const periods = entered.slice(1).flatMap((time, index) => (timedOut.has(index) ? [] : [time - entered[index]!]));
  return { periods, lost: timedOut.size, totalMs: described.stopDate!.getTime() - described.startDate!.getTime() };
}

async function main(): Promise<void> {
  const build = await fixtureBuild('bench');
  await build.writeManifest({
    workflows: Object.keys(definitions).map((name) => ({
      name,
      type: 'STANDARD',
      asl: `asl/${name}.asl.json`,
      tasks: ['bench-noop'],
    })),
    activities: ['stepforge-bench-noop'],
    queues: [
      {
        name: 'stepforge-bench-noop-tasks',
        fifo: false,
        dlq: { name: 'stepforge-bench-noop-tasks-dlq', maxReceiveCount: 5 },
      },
    ],
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
  const workers = [
    runWorker({
      ...common,
      dispatch: 'queue',
      concurrency: 1,
      queueUrl: deployment.queues['stepforge-bench-noop-tasks']!.url,
    }),
  ];
  for (let poller = 0; poller < ACTIVITY_POLLERS; poller++) {
    workers.push(
      runWorker({
        ...common,
        dispatch: 'activity',
        concurrency: 1,
        activityArn: deployment.activities['stepforge-bench-noop'],
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000 / ACTIVITY_POLLERS));
  }

  const results: Record<string, Measured[]> = { pass: [], activity: [], queue: [] };
  // A dispatch the endpoint cannot run at all (LocalStack without STS fails every SQS integration) is reported as
  // not measured after three failures in a row.
  const failures: Record<string, string[]> = { pass: [], activity: [], queue: [] };
  const run = async (name: string, keep: boolean) => {
    if (failures[name]!.length >= 3 && results[name]!.length === 0) return;
    try {
      const measured = await measure(deployment.workflows[name]!.stateMachineArn);
      if (keep) results[name]!.push(measured);
    } catch (error) {
      failures[name]!.push((error as Error).message);
    }
  };
  // One warm-up each, then interleaved runs so a slow moment of the shared machine hits every workflow alike.
  for (const name of Object.keys(results)) await run(name, false);
  for (let index = 0; index < RUNS; index++) {
    for (const name of Object.keys(results)) await run(name, true);
  }
  stop.abort();
  await Promise.all(workers);
  await removeDeployment(clients, deployment);
  if (!results.pass!.length) throw new Error(`the Pass baseline failed: ${failures.pass!.join('; ')}`);

  const stepMedian = (name: string) => median(results[name]!.flatMap((measured) => measured.periods));
  const baseline = stepMedian('pass');
  process.stdout.write(
    `runs per workflow: ${RUNS} (after 1 warm-up), ${STEPS} steps each; activity pollers: ${ACTIVITY_POLLERS}\n`,
  );
  process.stdout.write(
    `pass    : median ${baseline.toFixed(0)} ms per step (execution median ${median(results.pass!.map((m) => m.totalMs)).toFixed(0)} ms)\n`,
  );
  for (const dispatch of ['activity', 'queue']) {
    const measured = results[dispatch]!;
    if (!measured.length) {
      process.stdout.write(`${dispatch.padEnd(8)}: NOT MEASURED, every execution failed: ${failures[dispatch]![0]}\n`);
      continue;
    }
    const perStep = stepMedian(dispatch);
    const added = perStep - baseline;
    const lost = measured.reduce((sum, m) => sum + m.lost, 0);
    // The mean tells what the median hides when step periods are bimodal (a poll that just missed waits a second).
    const meanAdded = (median(measured.map((m) => m.totalMs)) - median(results.pass!.map((m) => m.totalMs))) / STEPS;
    process.stdout.write(
      `${dispatch.padEnd(8)}: median ${perStep.toFixed(0)} ms per step = ${(perStep / baseline).toFixed(2)}x the Pass step; ` +
        `added ${added.toFixed(1)} ms per task step (goal <= ${GOAL_MS_PER_STEP}: ${added <= GOAL_MS_PER_STEP ? 'met' : 'NOT met'}); ` +
        `from the execution medians ${meanAdded.toFixed(1)} ms added per step on average; ` +
        `${lost} of ${measured.length * STEPS} tasks lost and retried; execution median ${median(measured.map((m) => m.totalMs)).toFixed(0)} ms` +
        `${failures[dispatch]!.length ? `; ${failures[dispatch]!.length} execution(s) failed, first: ${failures[dispatch]![0]}` : ''}\n`,
    );
  }
}

await main();
