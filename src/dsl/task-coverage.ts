// Which Task states a list of states and chains carries in its type (the phantom TASKS of phantom.ts), read at
// runtime: `workflow.withTasks(...)` checks with it that the workflow's type will know every Task state it has.
import { chainStates, type Linkable, type State } from './state.ts';
import { Task } from './states/task.ts';

/** A Task state (task-container steps included), or a Map/Parallel with one somewhere inside. */
export function holdsTask(state: State): boolean {
  return (
    state instanceof Task ||
    state.nestedGraphs().some((nested) => nested.graph.states.some((inner) => holdsTask(inner)))
  );
}

/**
 * The states whose Task signatures `targets` carry: each state given, and every state along a chain given. A Map or
 * Parallel counts with its nested states (its type carries what its processor or branches return).
 */
export function carriedStates(targets: readonly Linkable[]): Set<State> {
  return new Set(targets.flatMap((target) => chainStates(target)));
}
