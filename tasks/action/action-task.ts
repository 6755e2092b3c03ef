import type { ActionInput, ActionOutput, ParsedInput } from '../../src/contracts/index.ts';
import { InputReader } from '../runtime/input-fields.ts';
import type { TaskContext, TaskDefinition } from '../runtime/task.ts';
import { TaskError } from '../runtime/task-error.ts';
import type { BoundAction, ObjectRef } from './action.ts';
import { describeObject, readObjectBytes } from './object-access.ts';
import { readActionSpec } from './registry.ts';
import { messagesOfObject, runObjectAction } from './run-action.ts';

const ERROR_PREFIX = 'Action';

/** The contract's input with the action looked up and its params checked. */
export type ActionTaskInput = Omit<ParsedInput<ActionInput, 'action' | 'item'>, 'action'> & {
  readonly action: BoundAction;
};

export type ActionTaskOutput = ActionOutput;

/** `{ bucket, key }` of a message or input, with errors naming `<path>.bucket` / `<path>.key`. */
export function readObjectRef(raw: Record<string, unknown>, read: InputReader, field: string): ObjectRef {
  const { reader, value } = read.nested(raw, field);
  return { bucket: reader.string(value, 'bucket'), key: reader.string(value, 'key') };
}

function parseActionTaskInput(raw: unknown): ActionTaskInput {
  const read = new InputReader(ERROR_PREFIX);
  const input = read.record(raw);
  return { action: readActionSpec(input, read), item: readObjectRef(input, read, 'item') };
}

async function runActionTask(input: ActionTaskInput, context: TaskContext): Promise<ActionTaskOutput> {
  const { action, params } = input.action;
  if (action.kind === 'object') {
    const result = await runObjectAction(action, params, input.item, context);
    return { action: action.name, item: input.item, result };
  }
  // A batch action run on one object: the object's lines are its messages (e.g. a day's worth of exported events).
  const bytes = await readObjectBytes(context.clients.s3, input.item, context.signal);
  const messages = messagesOfObject(new TextDecoder().decode(bytes));
  const verdicts = await action.runBatch(messages, params, context);
  const failures = verdicts
    .map((verdict, index) => (verdict.status === 'failed' ? `${messages[index]!.id}: ${verdict.reason}` : undefined))
    .filter((failure) => failure !== undefined);
  if (failures.length > 0) {
    throw new TaskError(
      'Action.MessagesFailed',
      `${failures.length} of ${messages.length} messages in ${describeObject(input.item)} failed: ${failures.join('; ')}`,
    );
  }
  const filtered = verdicts.filter((verdict) => verdict.status === 'filtered').length;
  return { action: action.name, item: input.item, result: { messages: messages.length, filtered } };
}

export const actionTask: TaskDefinition<ActionTaskInput, ActionTaskOutput> = {
  name: 'action',
  errorPrefix: ERROR_PREFIX,
  parseInput: parseActionTaskInput,
  run: runActionTask,
};
