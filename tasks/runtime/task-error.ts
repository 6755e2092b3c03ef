/**
 * A failure a workflow can match in Retry/Catch: `error` is `<Task>.<Reason>` (e.g. `ZipArchive.SourceNotFound`),
 * `cause` says what and where. Step Functions receives both through SendTaskFailure.
 */
const TASK_ERROR = Symbol.for('stepforge.TaskError');

export class TaskError extends Error {
  override readonly name = 'TaskError';
  readonly [TASK_ERROR] = true;

  /**
   * `instanceof` by brand, not by class: a project's actions and tasks load `stepforge/tasks` through tsx's scoped
   * loader, a second copy of this module whose TaskError the worker's copy must still recognise.
   */
  static [Symbol.hasInstance](value: unknown): value is TaskError {
    return typeof value === 'object' && value !== null && (value as { [TASK_ERROR]?: unknown })[TASK_ERROR] === true;
  }
  constructor(
    readonly error: string,
    readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
  }
}

/** The error every task reports when the worker had to give up its work on shutdown; workflows Retry on it. */
export const WORKER_SHUTDOWN_ERROR = 'Worker.Shutdown';

/** `<Prefix>.InvalidInput` naming the field at fault: the one shape every task's input validation throws. */
export function invalidInput(errorPrefix: string, field: string, problem: string): TaskError {
  return new TaskError(`${errorPrefix}.InvalidInput`, `${field}: ${problem}`);
}

/** Step Functions limits: error 256 characters, cause 32,768. */
export function toTaskFailure(taskName: string, thrown: unknown): { error: string; cause: string } {
  if (thrown instanceof TaskError) {
    return { error: thrown.error.slice(0, 256), cause: thrown.cause.slice(0, 32_768) };
  }
  const message = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  return { error: `${taskName}.Internal`.slice(0, 256), cause: message.slice(0, 32_768) };
}
