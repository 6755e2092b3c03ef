import { type ActionRegistry, defaultActionRegistry } from '../action/registry.ts';
import type { TaskDefinition } from '../runtime/task.ts';
import { type ConsumeOutput, consume } from './consume.ts';
import { type ConsumeInput, ERROR_PREFIX, parseConsumeInput } from './input.ts';

/** consume with the actions of `registry` (the built-ins, plus a project's own when the CLI found some). */
export function createConsumeTask(
  registry: ActionRegistry = defaultActionRegistry,
): TaskDefinition<ConsumeInput, ConsumeOutput> {
  return {
    name: 'consume',
    errorPrefix: ERROR_PREFIX,
    parseInput: (raw) => parseConsumeInput(raw, registry),
    run: consume,
  };
}

export const consumeTask = createConsumeTask();

export { consume, type ConsumeInput, type ConsumeOutput, parseConsumeInput };
export { parseObjectMessage } from './message-body.ts';
