/** Tells which branch of a Parallel state begins with a given state; undefined when it cannot tell. */
export type BranchResolver = (parallelState: string, firstState: string) => number | undefined;

interface AslStates {
  readonly States?: Record<string, AslState>;
}
interface AslState {
  readonly Type?: string;
  readonly Branches?: readonly ({ readonly StartAt?: string } & AslStates)[];
  readonly Iterator?: AslStates;
  readonly ItemProcessor?: AslStates;
}

function findParallel(definition: AslStates, name: string): AslState | undefined {
  for (const [stateName, state] of Object.entries(definition.States ?? {})) {
    if (stateName === name && state.Type === 'Parallel') return state;
    const nested = [...(state.Branches ?? []), state.Iterator, state.ItemProcessor].filter(
      (child): child is AslStates => child !== undefined,
    );
    for (const child of nested) {
      const found = findParallel(child, name);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * History events do not say which branch a state belongs to (both branches' first events point at the same
 * ParallelStateStarted), so the definition's `StartAt` of each branch decides.
 */
export function branchResolverFromAsl(definition: unknown): BranchResolver {
  return (parallelState, firstState) => {
    if (typeof definition !== 'object' || definition === null) return undefined;
    const parallel = findParallel(definition as AslStates, parallelState);
    const index = parallel?.Branches?.findIndex((branch) => branch.StartAt === firstState) ?? -1;
    return index >= 0 ? index : undefined;
  };
}
