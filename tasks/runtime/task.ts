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
}
