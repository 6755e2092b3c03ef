import type { TaskDefinition } from '../runtime/task.ts';
import { type ConsumeOutput, consume } from './consume.ts';
import { type ConsumeInput, ERROR_PREFIX, parseConsumeInput } from './input.ts';

export const consumeTask: TaskDefinition<ConsumeInput, ConsumeOutput> = {
  name: 'consume',
  errorPrefix: ERROR_PREFIX,
  parseInput: parseConsumeInput,
  run: consume,
};

export { consume, type ConsumeInput, type ConsumeOutput, parseConsumeInput };
export { parseObjectMessage } from './message-body.ts';
