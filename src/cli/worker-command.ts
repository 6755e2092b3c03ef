import { resolve } from 'node:path';
import { setTimeout as unrefableTimeout } from 'node:timers';
import type { AnyTaskDefinition } from '../../tasks/runtime/task.ts';
import { defineCommand } from './command.ts';
import { UsageError } from './usage-error.ts';

/** The built-in task containers (kept here so `--help` need not load them; a test compares it with tasks/). */
export const TASK_NAMES = ['list-and-publish', 'consume', 'action', 'zip-archive'] as const;

const USAGE = `stepforge worker <task> [options]  (tasks: ${TASK_NAMES.join(', ')})`;
const EXIT_SAFETY_MS = 2_000;

export default defineCommand({
  name: 'worker',
  summary: 'run a task container (list-and-publish, consume, action, zip-archive) until SIGTERM',
  positionals: [
    {
      name: 'task',
      description: `the task container: ${TASK_NAMES.join(', ')}, or one of the project's own`,
      required: true,
    },
  ],
  options: {
    concurrency: { type: 'integer', default: 1, min: 1, description: 'tasks run at the same time' },
    dispatch: {
      type: 'string',
      default: 'queue',
      choices: ['queue', 'activity', 'both'],
      placeholder: 'mode',
      description: 'where work comes from: the task queue, the Step Functions activity, or both',
    },
    'grace-seconds': {
      type: 'integer',
      default: 30,
      placeholder: 'seconds',
      description: 'after SIGTERM, how long in-flight tasks may finish before they are failed',
    },
    'heartbeat-seconds': {
      type: 'integer',
      default: 10,
      min: 1,
      placeholder: 'seconds',
      description: 'how often a running task heartbeats to Step Functions',
    },
    'queue-url': { type: 'string', placeholder: 'url', description: 'the task queue (default: from deployment.json)' },
    'activity-arn': { type: 'string', placeholder: 'arn', description: 'the activity (default: from deployment.json)' },
    build: {
      type: 'string',
      default: 'build',
      placeholder: 'dir',
      description: 'the build folder with deployment.json',
    },
    'from-queue': {
      type: 'boolean',
      description: "the task's own queue mode, outside Step Functions (list-and-publish)",
    },
  },
  async run({ options, given, positionals: [taskName = ''] }) {
    const { findProjectTask } = await import('./project-task.ts');
    const definition = await findProjectTask(taskName, USAGE);
    const { createAwsClients, defaultLogger, processEnv } = await import('../aws/index.ts');
    const runtime = await import('../../tasks/runtime/index.ts');
    const { useRunningStack } = await import('./running-stack.ts');
    // A task's own defaults (defineTask) apply where the command line says nothing.
    const concurrency = given.has('concurrency')
      ? options.concurrency
      : (definition.workerDefaults?.concurrency ?? options.concurrency);
    const heartbeatSeconds = given.has('heartbeat-seconds')
      ? options['heartbeat-seconds']
      : (definition.workerDefaults?.heartbeatSeconds ?? options['heartbeat-seconds']);
    useRunningStack();
    const env = processEnv();
    definition.checkEnvironment?.(env);
    const logger = defaultLogger();
    const clients = createAwsClients(undefined, { maxSockets: Math.max(50, concurrency * 4) });
    try {
      if (options['from-queue']) {
        if (!definition.runFromQueue) throw new UsageError(`task "${taskName}" has no --from-queue mode`);
        await runStandalone(runtime.watchShutdown, definition.runFromQueue.bind(definition), {
          clients,
          logger,
          env,
          concurrency,
          graceSeconds: options['grace-seconds'],
        });
        return 0;
      }
      const dispatch = options.dispatch as 'queue' | 'activity' | 'both';
      const deployment = runtime.readDeploymentTargets(resolve(options.build));
      const queueUrl =
        dispatch === 'activity'
          ? undefined
          : await runtime.resolveQueueUrl(clients.sqs, taskName, options['queue-url'], deployment);
      const activityArn =
        dispatch === 'queue'
          ? undefined
          : await runtime.resolveActivityArn(clients.sfn, taskName, options['activity-arn'], deployment);
      await runtime.runWorker({
        definition,
        concurrency,
        dispatch,
        queueUrl,
        activityArn,
        graceSeconds: options['grace-seconds'],
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
  },
});

type Standalone = NonNullable<AnyTaskDefinition['runFromQueue']>;
type WatchShutdown = typeof import('../../tasks/runtime/index.ts').watchShutdown;

/** A task's own queue mode, with the same SIGTERM/SIGINT + grace period contract as the Step Functions worker. */
async function runStandalone(
  watchShutdown: WatchShutdown,
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
