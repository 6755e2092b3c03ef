// Typed mocks for imported workflows: which states hold a Task (a mock's key), and what a nested builder returns,
// which is all of its graph the workflow's type sees (a Map's or Parallel's Task states are those of the state or
// chain its builder returns). The importer types a workflow only when that covers every Task state.
import type { JsonValue } from '../../dsl/asl-types.ts';
import { isJsonObject } from '../asl/json.ts';

/** The graphs a state owns: a Parallel's branches, a Map's ItemProcessor (or Iterator). */
function innerGraphs(state: JsonValue | undefined): JsonValue[] {
  if (!isJsonObject(state)) return [];
  const branches = Array.isArray(state.Branches) ? state.Branches : [];
  const processor = state.ItemProcessor ?? state.Iterator;
  return processor === undefined ? branches : [...branches, processor];
}

/** A Task state, or a Map/Parallel with one somewhere inside. */
export function holdsTask(state: JsonValue | undefined): boolean {
  if (isJsonObject(state) && state.Type === 'Task') return true;
  return innerGraphs(state).some(
    (graph) => isJsonObject(graph) && isJsonObject(graph.States) && Object.values(graph.States).some(holdsTask),
  );
}

const PLAIN_CHAIN = /^(\w+)((?:\.next\(\w+\))+);$/;

/**
 * The joined chain that starts at a builder's start state (`a.next(b).next(c);`, see join-chains.ts), which the
 * builder can return instead of the start alone so that its type carries every state along it.
 */
export function chainFrom(start: string, links: readonly string[]): { line: string; variables: string[] } | undefined {
  for (const line of links) {
    const [, head, nexts = ''] = PLAIN_CHAIN.exec(line) ?? [];
    if (head !== start) continue;
    const variables = [start, ...[...nexts.matchAll(/\.next\((\w+)\)/g)].map((next) => next[1] ?? '')];
    return { line, variables };
  }
  return undefined;
}
