import type { Logger } from '../../src/aws/index.ts';
import type { AnyTaskDefinition, TaskContext } from './task.ts';
import { toTaskFailure } from './task-error.ts';

export type TaskOutcome =
  | { readonly ok: true; readonly output: unknown }
  | { readonly ok: false; readonly error: string; readonly cause: string };

/**
 * parseInput + run, turning any throw into a named failure, with the one structured log line per task
 * (task, execution, duration, outcome). Shared by both dispatchers and `stepforge run`.
 */
export async function executeTask(
  definition: AnyTaskDefinition,
  rawInput: unknown,
  context: TaskContext,
  logFields: Record<string, unknown> = {},
  log: Logger = context.logger,
): Promise<TaskOutcome> {
  const started = performance.now();
  let outcome: TaskOutcome;
  try {
    const input = definition.parseInput(rawInput);
    outcome = { ok: true, output: await definition.run(input, context) };
  } catch (thrown) {
    outcome = { ok: false, ...toTaskFailure(definition.errorPrefix, thrown) };
  }
  const durationMs = Math.round(performance.now() - started);
  const fields = { task: definition.name, ...logFields, durationMs };
  if (outcome.ok) log.info('task succeeded', { ...fields, outcome: 'success' });
  else log.warn('task failed', { ...fields, outcome: 'failure', error: outcome.error, cause: outcome.cause });
  return outcome;
}
