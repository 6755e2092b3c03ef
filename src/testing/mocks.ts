// Task mocks: what a reached Task state does in a run. A handler is looked up by the state's name first, then by
// its resource ARN (`'arn:aws:states:::aws-sdk:s3:getObject'`); it returns the task's result, or throws a named
// error (`fail(error, cause)` builds one that always does; `failOn` fails on chosen calls only).
import type { OUT, TasksOf } from '../dsl/phantom.ts';
import { RunnerError } from './errors.ts';
import type { JsonValue } from './json.ts';

export interface TaskCall<Input = JsonValue> {
  /** The task's effective input: Parameters (JSONPath) or Arguments (JSONata) evaluated, else the state's input. */
  readonly input: Input;
  readonly stateName: string;
  readonly resource: string;
  /** 0 on the first attempt, then the retry number ($$.State.RetryCount). */
  readonly retryCount: number;
  /** How many times this handler has been called in this run, this call included (1 on the first). */
  readonly call: number;
  /** The task token ($$.Task.Token) for `.waitForTaskToken` resources and activities. */
  readonly taskToken?: string;
  /** The state's `Credentials`, evaluated: the role Step Functions would assume for the task (cross-account). */
  readonly credentials?: { readonly roleArn: string };
  /** The Context object as the state sees it. */
  readonly context: JsonValue;
  /** Waits in the run's time (virtual by default): a long-running task, a delay before its answer. */
  sleep(seconds: number): Promise<void>;
  /** Reports a heartbeat, resetting the state's HeartbeatSeconds countdown. */
  heartbeat(): void;
  /** Aborted when this attempt ends without the handler: TimeoutSeconds, HeartbeatSeconds, or the execution ended. */
  readonly signal: AbortSignal;
  /**
   * Runs real (not virtual-time) work, e.g. I/O against LocalStack or a task's own timers, with the run's virtual
   * clock held still until it settles, so no deadline of the run passes meanwhile.
   */
  realTime<T>(work: () => Promise<T>): Promise<T>;
  /**
   * For a task with a token: resolves with what `sendTaskSuccess(taskToken, output)` sends (a handler returns it to
   * wait for the callback), rejects with what `sendTaskFailure` sends.
   */
  waitForCallback(): Promise<unknown>;
  /** Answer a waiting task's token, as a worker would: from this handler, or from another task's mock. */
  sendTaskSuccess(token: string, output: unknown): void;
  sendTaskFailure(token: string, error?: string, cause?: string): void;
  sendTaskHeartbeat(token: string): void;
}

export type TaskHandler<Input = any, Result = unknown> = (call: TaskCall<Input>) => Result | Promise<Result>;

/** Mocks by Task state name or by resource ARN. */
export type TaskMocks = Readonly<Record<string, TaskHandler>>;

/** A resource as a mock key: an ARN, or a placeholder the generator resolves (`${activity:stepforge-consume}`). */
export type ResourceKey = `arn:${string}` | `\${${string}`;

/**
 * Mocks for Task states `T` (name -> { input, result }): a misspelt name is an excess property, and each handler's
 * input and result are the state's; by resource, any handler.
 */
export type TypedTaskMocks<T> = {
  readonly [Name in keyof T]?: T[Name] extends { readonly input: infer Input; readonly result: infer Result }
    ? TaskHandler<Input, Result>
    : TaskHandler;
} & { readonly [resource: ResourceKey]: TaskHandler };

/** The mocks a workflow takes: typed when its type knows its Task states, else by any name. */
export type MocksFor<W> = [keyof TasksOf<W>] extends [never] ? TaskMocks : TypedTaskMocks<TasksOf<W>>;

/** A DSL workflow's execution input type (read from its phantom key: matching the whole class is too deep). */
export type WorkflowInput<W> = W extends { readonly [OUT]?: infer Input } ? Input : unknown;

/** The error a task reports: `throw new TaskFailure('Payment.Declined', 'card expired')` inside a handler. */
export class TaskFailure extends Error {
  constructor(
    readonly error: string,
    readonly cause = '',
  ) {
    super(cause);
    this.name = error;
  }
}

/** A handler that always fails with this error and cause. */
export function fail(error: string, cause = ''): TaskHandler<unknown, never> {
  return () => {
    throw new TaskFailure(error, cause);
  };
}

/** Fails on the given calls (1-based: `failOn([1, 2], ...)` fails twice, then `otherwise` answers). */
export function failOn<Input, Result>(
  calls: number | readonly number[],
  failure: { readonly error: string; readonly cause?: string },
  otherwise: TaskHandler<Input, Result>,
): TaskHandler<Input, Result> {
  const failing = new Set(typeof calls === 'number' ? [calls] : calls);
  return (call) => {
    if (failing.has(call.call)) throw new TaskFailure(failure.error, failure.cause ?? '');
    return otherwise(call);
  };
}

export interface ResolvedMock {
  readonly handler: TaskHandler;
  /** The key the handler was found under, so that calls are counted per handler. */
  readonly key: string;
}

/** The mock for a Task: by state name, else by resource, else a built-in one (`fallback`), else a RunnerError. */
export function resolveMock(
  mocks: TaskMocks,
  stateName: string,
  resource: string,
  fallback?: TaskHandler,
): ResolvedMock {
  if (Object.hasOwn(mocks, stateName)) return { handler: mocks[stateName] as TaskHandler, key: stateName };
  if (Object.hasOwn(mocks, resource)) return { handler: mocks[resource] as TaskHandler, key: resource };
  if (fallback) return { handler: fallback, key: resource };
  throw new RunnerError(
    `Task state "${stateName}" was reached but has no mock: add tasks["${stateName}"] (or tasks["${resource}"]) to runWorkflow's options`,
  );
}
