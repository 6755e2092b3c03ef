import type { TaskTypes } from '../../src/contracts/index.ts';
import type { TaskContext, TaskDefinition } from '../runtime/task.ts';
import { TaskError } from '../runtime/task-error.ts';
import { type Branded, DEFINITION } from './brand.ts';
import { type InputSchema, parseWithSchema, type SchemaInput, type SchemaOutput } from './schema-input.ts';

export interface TaskOptions<Name extends string, Schema extends InputSchema, Output> {
  /** The task's name: `stepforge worker <name>`, its queue `stepforge-<name>-tasks`, activity `stepforge-<name>`. */
  readonly name: Name;
  /** A JSON Schema (`as const` for its type) or a Standard Schema validator (zod, valibot, arktype...). */
  readonly input: Schema;
  /** Prefix of its error names (`<Prefix>.InvalidInput`, `.Timeout`, `.Internal`); default the name in PascalCase. */
  readonly errorPrefix?: string;
  /** The worker's heartbeat interval unless `--heartbeat-seconds` says otherwise; default 10. */
  readonly heartbeatSeconds?: number;
  /** The worker's slots unless `--concurrency` says otherwise; default 1. */
  readonly concurrency?: number;
  /** Fails a run that takes longer with `<Prefix>.Timeout` (its signal is aborted first); default none. */
  readonly timeoutSeconds?: number;
  run(input: SchemaOutput<Schema>, context: TaskContext): Promise<Output>;
}

export type UserTask<Name extends string, Input, Output> = TaskDefinition<unknown, unknown> &
  TaskTypes<Input, Awaited<Output>> &
  Branded<'task'> & { readonly name: Name };

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** `resize-image` -> `ResizeImage`: error names read like the built-ins' (`ZipArchive.SourceNotFound`). */
export function pascalCase(name: string): string {
  return name
    .split('-')
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function positive(name: string, field: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
    throw new Error(`defineTask "${name}": ${field} must be a whole number of at least 1, got ${value}`);
  }
}

/** Races `run` against its timeout: the task's signal is aborted, then the step fails with `<Prefix>.Timeout`. */
async function withTimeout<Output>(
  seconds: number,
  errorPrefix: string,
  context: TaskContext,
  run: (context: TaskContext) => Promise<Output>,
): Promise<Output> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), seconds * 1000);
  const timedOut = new Promise<never>((_, reject) => {
    timeout.signal.addEventListener('abort', () =>
      reject(new TaskError(`${errorPrefix}.Timeout`, `the task ran longer than its timeoutSeconds (${seconds})`)),
    );
  });
  try {
    return await Promise.race([
      run({ ...context, signal: AbortSignal.any([context.signal, timeout.signal]) }),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Defines a task container of the project's own: `stepforge worker <name>` runs it through the same runtime as the
 * built-ins (activity and queue dispatch, heartbeats, graceful shutdown), `stepforge run <name>` runs it once, and a
 * workflow reaches it with `steps.userTask('State', { task: '<name>', input })`.
 */
export function defineTask<const Name extends string, const Schema extends InputSchema, Output>(
  options: TaskOptions<Name, Schema, Output>,
): UserTask<Name, SchemaInput<Schema>, Output> {
  // Typed loosely inside: the schema's types matter to callers, and instantiating them here is needlessly deep.
  const { name, run, timeoutSeconds } = options as unknown as TaskOptions<Name, InputSchema, unknown> & {
    run(input: unknown, context: TaskContext): Promise<unknown>;
  };
  if (!NAME.test(name)) {
    throw new Error(`defineTask: name "${name}" must be lower-case letters, digits and dashes (e.g. "resize-image")`);
  }
  positive(name, 'heartbeatSeconds', options.heartbeatSeconds);
  positive(name, 'concurrency', options.concurrency);
  positive(name, 'timeoutSeconds', timeoutSeconds);
  const errorPrefix = options.errorPrefix ?? pascalCase(name);
  const runOnce = async (input: unknown, context: TaskContext) => (await run(input, context)) ?? null;
  return {
    [DEFINITION]: 'task',
    name,
    errorPrefix,
    workerDefaults: { heartbeatSeconds: options.heartbeatSeconds, concurrency: options.concurrency },
    parseInput: (raw) => parseWithSchema(options.input, raw, errorPrefix, ''),
    run: (input, context) =>
      timeoutSeconds === undefined
        ? runOnce(input, context)
        : withTimeout(timeoutSeconds, errorPrefix, context, (bounded) => runOnce(input, bounded)),
  };
}
