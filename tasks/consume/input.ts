import type { ConsumeInput as ConsumeInputContract, ParsedInput } from '../../src/contracts/index.ts';
import type { BoundAction, MessageBatchAction, ObjectAction } from '../action/action.ts';
import { type ActionRegistry, defaultActionRegistry, readActionSpec } from '../action/registry.ts';
import { InputReader } from '../runtime/input-fields.ts';

export const ERROR_PREFIX = 'Consume';

/** The contract's input with its defaults filled in and the action looked up (field docs: src/contracts). */
export type ConsumeInput = Omit<
  ParsedInput<ConsumeInputContract, 'concurrency' | 'idleSeconds' | 'deleteSource'>,
  'action'
> & {
  readonly action: BoundAction<ConsumableAction>;
};

/** consume runs actions on what messages bring: an object action per message or a batch action per batch. */
type ConsumableAction = ObjectAction<unknown> | MessageBatchAction<unknown>;

function readConsumableAction(
  input: Record<string, unknown>,
  read: InputReader,
  registry: ActionRegistry,
): BoundAction<ConsumableAction> {
  const bound = readActionSpec(input, read, registry);
  const { action } = bound;
  if (action.kind === 'params') {
    return read.at('action').fail('name', `action "${action.name}" takes no object: run it with the action task`);
  }
  return { action, params: bound.params };
}

export function parseConsumeInput(raw: unknown, registry: ActionRegistry = defaultActionRegistry): ConsumeInput {
  const read = new InputReader(ERROR_PREFIX);
  const input = read.record(raw);
  return {
    queueUrl: read.httpUrl(input, 'queueUrl'),
    action: readConsumableAction(input, read, registry),
    concurrency: read.optionalInteger(input, 'concurrency', 1, 1000) ?? 10,
    idleSeconds: read.optionalInteger(input, 'idleSeconds', 0, 86_400) ?? 20,
    maxMessages: read.optionalInteger(input, 'maxMessages', 1, Number.MAX_SAFE_INTEGER),
    deleteSource: read.optionalBoolean(input, 'deleteSource') ?? false,
    legacyBucket: read.optionalString(input, 'legacyBucket'),
    retryDelaySeconds: read.optionalInteger(input, 'retryDelaySeconds', 0, 43_200),
  };
}
