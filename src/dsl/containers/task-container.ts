// A step run by one of stepforge's task containers. It builds the dispatch envelope of docs/internal-contracts.md
// ({ input, execution, state[, taskToken] }) and sends it by queue (.waitForTaskToken) or activity.
import type { JsonValue, QueryLanguage } from '../asl-types.ts';
import type { SourceLocation } from '../call-site.ts';
import { context } from '../context-object.ts';
import { DslError } from '../dsl-error.ts';
import type { ForLanguage } from '../options.ts';
import type { RefTo } from '../refs.ts';
import type { QueueSpec } from '../../contracts/index.ts';
import { placeholder, taskQueueSpec } from '../resources.ts';
import type { RenderContext } from '../state.ts';
import { Task, type TaskJsonataOptions, type TaskJsonPathOptions } from '../states/task.ts';
import type { JsonataTemplate, JsonPathTemplate } from '../templates.ts';
import type { TaskContainerName } from './payloads.ts';
import { arn } from '../arn.ts';
import type { RetryOptions } from '../retry-catch.ts';
import {
  DEFAULT_WORKER_LOSS_RETRY,
  WORKER_DEFAULTS,
  USER_TASK_DEFAULTS,
  WORKER_HEARTBEAT_INTERVAL_SECONDS,
  withWorkerLossRetry,
  type WorkerLossRetry,
} from './worker-defaults.ts';

export type Dispatch = 'queue' | 'activity';

/** A payload of type T in which any field (or the whole) may be a reference to a value of that type. */
export type TemplateOf<T> =
  | RefTo<T>
  | (T extends string | number | boolean | null | undefined
      ? T
      : T extends readonly (infer Element)[]
        ? readonly TemplateOf<Element>[]
        : unknown extends T
          ? JsonPathTemplate | JsonataTemplate
          : { readonly [K in keyof T]: TemplateOf<T[K]> });

type ContainerCommon<I> = {
  readonly input: TemplateOf<I>;
  /** How Step Functions reaches the worker: an SQS message with a task token (default) or an activity. */
  readonly dispatch?: Dispatch;
  /**
   * The Retry appended for losing the worker (Worker.Shutdown, States.HeartbeatTimeout, States.Timeout): its policy,
   * or `false` for none. Default `{ intervalSeconds: 2, maxAttempts: 2, backoffRate: 2 }` (see src/dsl/README.md).
   */
  readonly workerLossRetry?: WorkerLossRetry | false;
};

/** A container step takes a Task's options except what the container decides (resource and payload). */
const DECIDED = ['resource', 'parameters', 'arguments', 'credentials'] as const;
type Decided = (typeof DECIDED)[number];

export type ContainerJsonPathOptions<I> = ContainerCommon<I> & Omit<TaskJsonPathOptions, Decided>;
export type ContainerJsonataOptions<I> = ContainerCommon<I> & Omit<TaskJsonataOptions, Decided>;

export type ContainerOptions<D extends QueryLanguage, I> = ForLanguage<
  D,
  ContainerJsonPathOptions<I>,
  ContainerJsonataOptions<I>
>;

/** A container step's options with its payload given as top-level `Fields` instead of `input` (the action shorthand). */
export type ContainerFieldsOptions<D extends QueryLanguage, Fields> = ForLanguage<
  D,
  Omit<ContainerCommon<unknown>, 'input'> & Omit<TaskJsonPathOptions, Decided> & Fields,
  Omit<ContainerCommon<unknown>, 'input'> & Omit<TaskJsonataOptions, Decided> & Fields
>;

type TimeoutOptions = {
  readonly timeoutSeconds?: unknown;
  readonly timeoutSecondsPath?: unknown;
  readonly heartbeatSeconds?: unknown;
  readonly heartbeatSecondsPath?: unknown;
};

/**
 * The step's TimeoutSeconds and HeartbeatSeconds: the user's (literal, reference, expression or `...Path`), else the
 * task's default. A literal timeout at or below the default heartbeat cannot work with it: that asks for both.
 */
function timeouts(
  task: string,
  name: string,
  options: TimeoutOptions,
  createdAt: SourceLocation,
): { timeoutSeconds?: number; heartbeatSeconds?: number } {
  const defaults = Object.hasOwn(WORKER_DEFAULTS, task)
    ? WORKER_DEFAULTS[task as TaskContainerName]
    : USER_TASK_DEFAULTS;
  const out: { timeoutSeconds?: number; heartbeatSeconds?: number } = {};
  if (options.timeoutSeconds === undefined && options.timeoutSecondsPath === undefined)
    out.timeoutSeconds = defaults.timeoutSeconds;
  if (options.heartbeatSeconds === undefined && options.heartbeatSecondsPath === undefined) {
    const timeout = options.timeoutSeconds;
    if (typeof timeout === 'number' && timeout <= defaults.heartbeatSeconds) {
      throw new DslError(
        `${name}.timeoutSeconds: ${timeout} is not above the default heartbeatSeconds (${defaults.heartbeatSeconds}); set heartbeatSeconds below it too (the worker heartbeats every ${WORKER_HEARTBEAT_INTERVAL_SECONDS} s)`,
        createdAt,
      );
    }
    out.heartbeatSeconds = defaults.heartbeatSeconds;
  }
  return out;
}

export class TaskContainerStep<Out = unknown, Vars = unknown, D extends QueryLanguage = QueryLanguage> extends Task<
  Out,
  Vars,
  D
> {
  constructor(
    /** A built-in container's name, or a project's own task (`defineTask`). */
    readonly task: string,
    name: string,
    options: ContainerOptions<QueryLanguage, unknown>,
    createdAt: SourceLocation,
  ) {
    for (const key of DECIDED) {
      if (key in options)
        throw new DslError(`${name}: unknown option "${key}" (a task container step decides it)`, createdAt);
    }
    const dispatch: Dispatch = options.dispatch ?? 'queue';
    const resource =
      dispatch === 'activity' ? placeholder.activity(`stepforge-${task}`) : arn.sqsSendMessage('waitForTaskToken');
    super(name, { ...options, resource, ...timeouts(task, name, options, createdAt) }, createdAt);
    this.dispatch = dispatch;
    this.input = options.input;
    this.workerLossRetry = options.workerLossRetry ?? DEFAULT_WORKER_LOSS_RETRY;
  }

  readonly dispatch: Dispatch;
  private readonly input: unknown;
  private readonly workerLossRetry: WorkerLossRetry | false;

  get activityName(): string {
    return `stepforge-${this.task}`;
  }

  get queue(): QueueSpec {
    return taskQueueSpec(`stepforge-${this.task}-tasks`);
  }

  protected override checkOptions(): void {
    super.checkOptions(['input', 'dispatch', 'workerLossRetry']);
  }

  protected override effectiveRetriers(): readonly RetryOptions[] {
    return withWorkerLossRetry(super.effectiveRetriers(), this.workerLossRetry);
  }

  private envelope() {
    const base = { input: this.input, execution: context.Execution.Id, state: context.State.Name };
    if (this.dispatch === 'activity') return base;
    return { QueueUrl: placeholder.queueUrl(this.queue.name), MessageBody: { ...base, taskToken: context.Task.Token } };
  }

  protected override renderSpecial(
    key: string,
    language: QueryLanguage,
    context: RenderContext,
  ): [string, JsonValue][] | undefined {
    if (key === 'parameters' && language === 'JSONPath')
      return this.renderField('parameters', this.envelope(), language);
    if (key === 'arguments' && language === 'JSONata') return this.renderField('arguments', this.envelope(), language);
    return super.renderSpecial(key, language, context);
  }
}
