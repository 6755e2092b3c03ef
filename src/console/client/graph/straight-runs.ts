// Straight runs of a state graph: maximal paths a -> b -> ... where each link is the only way out of one state and
// the only way into the next, with no label. Dagre draws such a run as a vertical line of centred boxes anyway; laid
// out as one tall node it costs dagre one rank instead of two per state (its ordering and positioning passes grow
// with ranks: a 200-state workflow of long runs lays out several times faster and looks the same).
import type { GraphEdge } from './asl-graph.ts';

/**
 * Every node id in exactly one run, runs in the order of their first node. States on a loop stay single: a loop's
 * edge back up would otherwise have to climb the whole run to reach its first state.
 */
export function straightRuns(ids: readonly string[], edges: readonly GraphEdge[]): string[][] {
  const outgoing = new Map<string, GraphEdge[]>();
  const incoming = new Map<string, number>();
  for (const edge of edges) {
    outgoing.set(edge.from, [...(outgoing.get(edge.from) ?? []), edge]);
    incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
  }
  const looping = onLoops(ids, outgoing);
  const follower = new Map<string, string>();
  for (const id of ids) {
    const out = outgoing.get(id) ?? [];
    const only = out[0];
    if (out.length !== 1 || !only || only.label || only.to === id || incoming.get(only.to) !== 1) continue;
    if (looping.has(id) || looping.has(only.to)) continue;
    follower.set(id, only.to);
  }
  const followed = new Set(follower.values());
  const runs: string[][] = [];
  const placed = new Set<string>();
  for (const id of ids) {
    if (placed.has(id) || followed.has(id)) continue;
    const run = [id];
    placed.add(id);
    for (let next = follower.get(id); next !== undefined && !placed.has(next); next = follower.get(next)) {
      run.push(next);
      placed.add(next);
    }
    runs.push(run);
  }
  // Only a loop of runs-to-be with no way in is left (no state on a loop is followed): one run per state.
  for (const id of ids) if (!placed.has(id)) runs.push([id]);
  return runs;
}

/** The nodes on some cycle (in a strongly connected component of more than one node, or with an edge to itself). */
function onLoops(ids: readonly string[], outgoing: ReadonlyMap<string, readonly GraphEdge[]>): Set<string> {
  // Tarjan's algorithm: `order` is when a node was reached, `low` the earliest node reachable back from it.
  const reached = new Map<string, { readonly order: number; low: number }>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const looping = new Set<string>();
  const visit = (id: string): { readonly order: number; low: number } => {
    const mine = { order: reached.size, low: reached.size };
    reached.set(id, mine);
    stack.push(id);
    onStack.add(id);
    for (const { to } of outgoing.get(id) ?? []) {
      if (to === id) looping.add(id);
      const theirs = reached.get(to);
      if (!theirs) mine.low = Math.min(mine.low, visit(to).low);
      else if (onStack.has(to)) mine.low = Math.min(mine.low, theirs.order);
    }
    if (mine.low !== mine.order) return mine;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = member === id ? undefined : stack.pop()) {
      onStack.delete(member);
      component.push(member);
    }
    if (component.length > 1) for (const member of component) looping.add(member);
    return mine;
  };
  for (const id of ids) if (!reached.has(id)) visit(id);
  return looping;
}
