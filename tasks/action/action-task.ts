import type { ActionInput, ActionOutput, ParsedInput } from '../../src/contracts/index.ts';
import { InputReader } from '../runtime/input-fields.ts';
import type { TaskContext, TaskDefinition } from '../runtime/task.ts';
import { TaskError } from '../runtime/task-error.ts';
import type { BoundAction, ObjectRef } from './action.ts';
import { describeObject, readObjectBytes } from './object-access.ts';
import { type ActionRegistry, defaultActionRegistry, readActionSpec } from './registry.ts';
import { messagesOfObject, runObjectAction } from './run-action.ts';

const ERROR_PREFIX = 'Action';

/**
 * The contract's input with the action looked up and its params checked. `item` is there exactly when the action
 * works on an object (object and batch actions), absent for a params action.
 */
export type ActionTaskInput = Omit<ParsedInput<ActionInput>, 'action'> & {
  readonly action: BoundAction;
};

/** What the task returns for an object or batch action. */
export type ObjectActionTaskOutput = ActionOutput;

/** An object action's output, or a params action's own result (any JSON). */
export type ActionTaskOutput = ObjectActionTaskOutput | unknown;

/** `{ bucket, key }` of a message or input, with errors naming `<path>.bucket` / `<path>.key`. */
export function readObjectRef(raw: Record<string, unknown>, read: InputReader, field: string): ObjectRef {
  const { reader, value } = read.nested(raw, field);
  return { bucket: reader.string(value, 'bucket'), key: reader.string(value, 'key') };
}

function parseActionTaskInput(raw: unknown, registry: ActionRegistry): ActionTaskInput {
  const read = new InputReader(ERROR_PREFIX);
  const input = read.record(raw);
  const action = readActionSpec(input, read, registry);
  const hasItem = input.item !== undefined && input.item !== null;
  if (action.action.kind === 'params') {
    if (hasItem) read.fail('item', `action "${action.action.name}" takes no object; leave item out`);
    return { action, item: undefined };
  }
  return { action, item: readObjectRef(input, read, 'item') };
}

async function runActionTask(input: ActionTaskInput, context: TaskContext): Promise<ActionTaskOutput> {
  const { action, params } = input.action;
  if (action.kind === 'params') return action.run(params, context);
  // parseActionTaskInput reads `item` for every action that is not a params action.
  if (!input.item) throw new Error(`action "${action.name}" needs item`);
  return runOnObject(input.action, input.item, context);
}

async function runOnObject(
  { action, params }: BoundAction,
  item: ObjectRef,
  context: TaskContext,
): Promise<ObjectActionTaskOutput> {
  if (action.kind === 'params') throw new Error(`action "${action.name}" takes no object`);
  if (action.kind === 'object') {
    const result = await runObjectAction(action, params, item, context);
    return { action: action.name, item, result };
  }
  // A batch action run on one object: the object's lines are its messages (e.g. a day's worth of exported events).
  const bytes = await readObjectBytes(context.clients.s3, item, context.signal);
  const messages = messagesOfObject(new TextDecoder().decode(bytes));
  const verdicts = await action.runBatch(messages, params, context);
  const failures = verdicts
    .map((verdict, index) => (verdict.status === 'failed' ? `${messages[index]!.id}: ${verdict.reason}` : undefined))
    .filter((failure) => failure !== undefined);
  if (failures.length > 0) {
    throw new TaskError(
      'Action.MessagesFailed',
      `${failures.length} of ${messages.length} messages in ${describeObject(item)} failed: ${failures.join('; ')}`,
    );
  }
  const filtered = verdicts.filter((verdict) => verdict.status === 'filtered').length;
  return { action: action.name, item, result: { messages: messages.length, filtered } };
}

/** The action task with the actions of `registry` (the built-ins, plus a project's own when the CLI found some). */
export function createActionTask(
  registry: ActionRegistry = defaultActionRegistry,
): TaskDefinition<ActionTaskInput, ActionTaskOutput> {
  return {
    name: 'action',
    errorPrefix: ERROR_PREFIX,
    parseInput: (raw) => parseActionTaskInput(raw, registry),
    run: runActionTask,
  };
}

export const actionTask = createActionTask();
