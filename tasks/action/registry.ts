import { InputReader } from '../runtime/input-fields.ts';
import type { Action, BoundAction } from './action.ts';
import { builtInActions } from './actions/index.ts';

export type ActionRegistry = ReadonlyMap<string, Action>;

export function createActionRegistry(actions: readonly Action[] = builtInActions): ActionRegistry {
  const registry = new Map<string, Action>();
  for (const action of actions) {
    if (registry.has(action.name)) throw new Error(`two actions are named "${action.name}"`);
    registry.set(action.name, action);
  }
  return registry;
}

export const defaultActionRegistry: ActionRegistry = createActionRegistry();

/**
 * Reads `action: { name, params? }` of a task input: the name must be registered and the params valid for it.
 * Errors are `<Prefix>.InvalidInput` naming `action.name` or `action.params.<field>`.
 */
export function readActionSpec(
  input: Record<string, unknown>,
  read: InputReader,
  registry: ActionRegistry = defaultActionRegistry,
): BoundAction {
  const { reader, value } = read.nested(input, 'action');
  const name = reader.string(value, 'name');
  const action = registry.get(name);
  if (!action)
    return reader.fail('name', `no action named "${name}" (known: ${[...registry.keys()].sort().join(', ')})`);
  const rawParams = value.params ?? {};
  const paramsReader = new InputReader(read.errorPrefix, 'action.params');
  const params = action.parseParams(paramsReader.record(rawParams), paramsReader);
  return { action, params };
}
