import type { AwsClients, Logger } from '../../src/aws/index.ts';

/** What a running task may use; everything with I/O comes in through here so tasks stay testable. */
export interface TaskContext {
  readonly clients: AwsClients;
  readonly logger: Logger;
  /** Aborted when the worker shuts down past its grace period or Step Functions stops the execution. */
  readonly signal: AbortSignal;
  /** Tells Step Functions the task is alive; the runtime also calls it on a timer while `run` is pending. */
  heartbeat(): Promise<void>;
  /** Stable id of this request (execution ARN + state, or SQS message id); used e.g. for idempotent archive keys. */
  readonly requestId: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What a task's own standalone mode (e.g. `worker zip-archive --from-queue`) gets from the worker command. */
export interface StandaloneContext {
  readonly clients: AwsClients;
  readonly logger: Logger;
  /** Aborted on SIGTERM/SIGINT: stop taking work, finish what is in flight. */
  readonly stopTaking: AbortSignal;
  /** Aborted when the grace period after SIGTERM/SIGINT is over: abandon in-flight work. */
  readonly hardStop: AbortSignal;
  readonly concurrency: number;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * One task container type. `parseInput` validates before any work starts and throws a TaskError naming the field;
 * `run` does the work. Both the Step Functions dispatchers and `stepforge run` go through the same two functions.
 */
export interface TaskDefinition<Input, Output> {
  /** The CLI name, e.g. `zip-archive`. */
  readonly name: string;
  /** The error-name prefix, e.g. `ZipArchive`. */
  readonly errorPrefix: string;
  parseInput(raw: unknown): Input;
  run(input: Input, context: TaskContext): Promise<Output>;
  /**
   * Optional: checks the task's environment at start-up (throws ConfigError naming the variable), so a worker with a
   * bad configuration exits 2 before taking work.
   */
  checkEnvironment?(env: Readonly<Record<string, string | undefined>>): void;
  /** Optional: what `stepforge worker <task>` uses where its options say nothing (a user task's defineTask options). */
  readonly workerDefaults?: { readonly heartbeatSeconds?: number; readonly concurrency?: number };
  /** Optional standalone mode, run by `stepforge worker <task> --from-queue`; resolves when it has stopped. */
  runFromQueue?(context: StandaloneContext): Promise<void>;
}

/**
 * A definition whose types are erased, as the registry and the runtime hold them: any TaskDefinition<I, O> is one,
 * because `run` is declared as a method (its parameter is checked bivariantly) and the runtime only ever passes it
 * what the same definition's `parseInput` returned.
 */
export type AnyTaskDefinition = TaskDefinition<unknown, unknown>;
