// The state graph invariants, enforced in one place: names are unique within a graph, a state belongs to exactly
// one graph, and every violation throws at the offending call naming both calls involved.
import type { SourceLocation } from './call-site.ts';
import { DslError } from './dsl-error.ts';
import type { State } from './state.ts';

/** A workflow's top level, one Parallel branch, or one Map processor. */
export class StateGraph {
  readonly states: State[] = [];
  readonly byName = new Map<string, State>();
  start: State | undefined;

  constructor(
    readonly label: string,
    readonly createdAt: SourceLocation,
  ) {}

  /** The state execution starts at: the one given to `start()`, else the first state added. */
  startState(): State {
    const start = this.start ?? this.states[0];
    if (!start) throw new DslError(`${this.label} has no states`, this.createdAt);
    return start;
  }
}

function adopt(state: State, graph: StateGraph, site: SourceLocation): void {
  if (state.graph === graph) return;
  if (state.graph) {
    throw new DslError(
      `state "${state.name}" already belongs to ${state.graph.label} and cannot also join ${graph.label}`,
      state.joinedAt ?? state.createdAt,
      site,
    );
  }
  const existing = graph.byName.get(state.name);
  if (existing && existing !== state) {
    throw new DslError(`duplicate state name "${state.name}" in ${graph.label}`, existing.createdAt, state.createdAt);
  }
  state.graph = graph;
  state.joinedAt = site;
  graph.states.push(state);
  graph.byName.set(state.name, state);
}

/** Puts a state, with every state already linked to it, into a graph. */
export function attach(state: State, graph: StateGraph, site: SourceLocation): void {
  for (const member of [...state.cluster]) adopt(member, graph, site);
  for (const member of [...state.cluster]) member.cluster = new Set([member]);
}

/** Records that `from` transitions to `to` (Next, a Choice rule, a Catch): both end up in the same graph. */
export function connect(from: State, to: State, site: SourceLocation): void {
  if (from.graph && to.graph) {
    if (from.graph !== to.graph) {
      throw new DslError(
        `"${from.name}" (in ${from.graph.label}) cannot transition to "${to.name}" (in ${to.graph.label})`,
        to.joinedAt ?? to.createdAt,
        site,
      );
    }
    return;
  }
  if (from.graph) {
    attach(to, from.graph, site);
    return;
  }
  if (to.graph) {
    attach(from, to.graph, site);
    return;
  }
  if (from.cluster === to.cluster) return;
  for (const member of to.cluster) {
    const clash = [...from.cluster].find((other) => other.name === member.name);
    if (clash) throw new DslError(`duplicate state name "${member.name}"`, clash.createdAt, member.createdAt);
  }
  const merged = from.cluster;
  for (const member of [...to.cluster]) {
    merged.add(member);
    member.cluster = merged;
  }
}
