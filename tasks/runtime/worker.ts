import { hostname } from 'node:os';
import { type AwsClients, createAwsClients, defaultLogger, type Logger, processEnv } from '../../src/aws/index.ts';
import { runActivityDispatch } from './activity-dispatch.ts';
import { runQueueDispatch } from './queue-dispatch.ts';
import { watchShutdown } from './shutdown.ts';
import { Slots } from './slots.ts';
import type { AnyTaskDefinition } from './task.ts';
import type { WorkerState } from './worker-state.ts';

export type DispatchMode = 'queue' | 'activity' | 'both';

/**
 * How often a running task heartbeats unless told otherwise: well below the HeartbeatSeconds (60) the DSL gives
 * task-container steps (src/dsl/containers/worker-defaults.ts), so one or two lost beats are harmless.
 */
export const DEFAULT_HEARTBEAT_INTERVAL_SECONDS = 10;

export interface WorkerOptions {
  readonly definition: AnyTaskDefinition;
  /** Concurrent tasks; with `both` dispatches they share it (activity gets the larger half). Default 1. */
  readonly concurrency?: number;
  readonly dispatch: DispatchMode;
  /** Required for the `queue` and `both` dispatches. */
  readonly queueUrl?: string;
  /** Required for the `activity` and `both` dispatches. */
  readonly activityArn?: string;
  /** How long in-flight work may go on after SIGTERM/SIGINT. Default 30. */
  readonly graceSeconds?: number;
  /** Heartbeat interval while a task runs. Default DEFAULT_HEARTBEAT_INTERVAL_SECONDS. */
  readonly heartbeatSeconds?: number;
  readonly clients?: AwsClients;
  readonly logger?: Logger;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly workerName?: string;
  /** Aborting it acts like SIGTERM; the worker also listens to SIGTERM/SIGINT itself. */
  readonly stop?: AbortSignal;
}

/** Splits the slots between both dispatches: an activity poller holds its slot while it polls. */
function slotPlan(concurrency: number, dispatch: DispatchMode): { activity: number; queue: number } {
  if (dispatch === 'activity') return { activity: concurrency, queue: 0 };
  if (dispatch === 'queue') return { activity: 0, queue: concurrency };
  const activity = Math.max(1, Math.ceil(concurrency / 2));
  return { activity, queue: Math.max(1, concurrency - activity) };
}

/**
 * Runs a task container until it is told to stop: SIGTERM/SIGINT (or `stop`) ends the intake, in-flight work gets
 * `graceSeconds` to finish, then is aborted and failed with Worker.Shutdown; a second signal cuts the grace short.
 */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError('concurrency must be a whole number >= 1');
  const clients = options.clients ?? createAwsClients(undefined, { maxSockets: Math.max(50, concurrency * 4) });
  const logger = (options.logger ?? defaultLogger()).child({ task: options.definition.name });
  const graceSeconds = options.graceSeconds ?? 30;
  const workerName = options.workerName ?? `${hostname()}-${process.pid}`;
  const plan = slotPlan(concurrency, options.dispatch);
  if (plan.queue > 0 && !options.queueUrl) throw new RangeError('the queue dispatch needs a queue URL');
  if (plan.activity > 0 && !options.activityArn) throw new RangeError('the activity dispatch needs an activity ARN');

  const shutdown = watchShutdown(graceSeconds, logger);
  options.stop?.addEventListener('abort', () => shutdown.trigger('stop'), { once: true });

  const base = {
    definition: options.definition,
    clients,
    logger,
    env: options.env ?? processEnv(),
    workerName,
    heartbeatMs: (options.heartbeatSeconds ?? DEFAULT_HEARTBEAT_INTERVAL_SECONDS) * 1000,
    graceSeconds,
    stopTaking: shutdown.stopTaking,
    hardStop: shutdown.hardStop,
  };
  const dispatchers: Promise<void>[] = [];
  if (plan.activity > 0) {
    const state: WorkerState = { ...base, slots: new Slots(plan.activity) };
    dispatchers.push(runActivityDispatch(state, options.activityArn!));
  }
  if (plan.queue > 0) {
    const state: WorkerState = { ...base, slots: new Slots(plan.queue) };
    dispatchers.push(runQueueDispatch(state, options.queueUrl!));
  }
  logger.info('worker started', {
    worker: workerName,
    dispatch: options.dispatch,
    concurrency,
    queueUrl: options.queueUrl,
    activityArn: options.activityArn,
  });
  try {
    await Promise.all(dispatchers);
  } finally {
    shutdown.dispose();
    if (!options.clients) {
      clients.s3.destroy();
      clients.sqs.destroy();
      clients.sfn.destroy();
    }
    logger.info('worker stopped', { worker: workerName });
  }
}
