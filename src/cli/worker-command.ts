import { join } from 'node:path';
import { setTimeout as unrefableTimeout } from 'node:timers';
import { createAwsClients, defaultLogger, processEnv } from '../aws/index.ts';
import { loadProjectTasks, tasks } from '../../tasks/index.ts';
import {
  DEFAULT_HEARTBEAT_INTERVAL_SECONDS,
  type DispatchMode,
  readDeploymentTargets,
  resolveActivityArn,
  resolveQueueUrl,
  runWorker,
  watchShutdown,
} from '../../tasks/runtime/index.ts';
import { integerOption, parseArgs, rejectUnknownOptions, stringOption } from './args.ts';
import { useRunningStack } from './running-stack.ts';
import { UsageError } from './usage-error.ts';

const USAGE =
  'stepforge worker <task> [--concurrency N] [--dispatch queue|activity|both] [--grace-seconds S] ' +
  `[--heartbeat-seconds H] [--queue-url U] [--activity-arn A] [--build DIR] [--from-queue]  (tasks: ${Object.keys(tasks).join(', ')})`;

const DISPATCH_MODES: readonly DispatchMode[] = ['queue', 'activity', 'both'];

/** Runs a task container until SIGTERM/SIGINT; exit 0 after a clean shutdown. */
export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['from-queue']);
  rejectUnknownOptions(args, [
    'concurrency',
    'dispatch',
    'grace-seconds',
    'heartbeat-seconds',
    'queue-url',
    'activity-arn',
    'build',
    'from-queue',
  ]);
  const [taskName, ...extra] = args.positionals;
  if (taskName === undefined || extra.length > 0) throw new UsageError(`usage: ${USAGE}`);
  // The built-in tasks and this project's own (its actions/ and tasks/ folders, or what stepforge.config.ts says).
  const project = await loadProjectTasks(process.cwd());
  const definition = Object.hasOwn(project.tasks, taskName) ? project.tasks[taskName] : undefined;
  if (!definition)
    throw new UsageError(
      `unknown task "${taskName}" (tasks: ${Object.keys(project.tasks).join(', ')}); usage: ${USAGE}`,
    );
  const concurrency = integerOption(args, 'concurrency', definition.workerDefaults?.concurrency ?? 1);
  if (concurrency < 1) throw new UsageError('--concurrency must be at least 1');
  const graceSeconds = integerOption(args, 'grace-seconds', 30);
  const heartbeatSeconds = integerOption(
    args,
    'heartbeat-seconds',
    definition.workerDefaults?.heartbeatSeconds ?? DEFAULT_HEARTBEAT_INTERVAL_SECONDS,
  );
  if (heartbeatSeconds < 1) throw new UsageError('--heartbeat-seconds must be at least 1');
  const dispatch = (stringOption(args, 'dispatch') ?? 'queue') as DispatchMode;
  if (!DISPATCH_MODES.includes(dispatch)) {
    throw new UsageError(`--dispatch must be one of ${DISPATCH_MODES.join(', ')}, got "${dispatch}"`);
  }
  useRunningStack();
  const env = processEnv();
  definition.checkEnvironment?.(env);
  const logger = defaultLogger();
  const clients = createAwsClients(undefined, { maxSockets: Math.max(50, concurrency * 4) });

  try {
    if (args.options['from-queue'] === true) {
      if (!definition.runFromQueue) throw new UsageError(`task "${taskName}" has no --from-queue mode`);
      await runStandalone(definition.runFromQueue.bind(definition), {
        clients,
        logger,
        env,
        concurrency,
        graceSeconds,
      });
      return 0;
    }
    const deployment = readDeploymentTargets(stringOption(args, 'build') ?? join(process.cwd(), 'build'));
    const queueUrl =
      dispatch === 'activity'
        ? undefined
        : await resolveQueueUrl(clients.sqs, taskName, stringOption(args, 'queue-url'), deployment);
    const activityArn =
      dispatch === 'queue'
        ? undefined
        : await resolveActivityArn(clients.sfn, taskName, stringOption(args, 'activity-arn'), deployment);
    await runWorker({
      definition,
      concurrency,
      dispatch,
      queueUrl,
      activityArn,
      graceSeconds,
      heartbeatSeconds,
      clients,
      logger,
      env,
    });
    return 0;
  } finally {
    clients.s3.destroy();
    clients.sqs.destroy();
    clients.sfn.destroy();
    // The work is over, but a runtime may keep an aborted long poll's socket open for its full 60 s (seen on Deno):
    // exit anyway shortly after, without holding the process open ourselves (unref) when nothing else does.
    unrefableTimeout(() => process.exit(process.exitCode ?? 0), EXIT_SAFETY_MS).unref();
  }
}

const EXIT_SAFETY_MS = 2_000;

type Standalone = NonNullable<(typeof tasks)[string]['runFromQueue']>;

/** A task's own queue mode, with the same SIGTERM/SIGINT + grace period contract as the Step Functions worker. */
async function runStandalone(
  runFromQueue: Standalone,
  options: Omit<Parameters<Standalone>[0], 'stopTaking' | 'hardStop'> & { graceSeconds: number },
): Promise<void> {
  const shutdown = watchShutdown(options.graceSeconds, options.logger);
  try {
    await runFromQueue({ ...options, stopTaking: shutdown.stopTaking, hardStop: shutdown.hardStop });
  } finally {
    shutdown.dispose();
  }
}
