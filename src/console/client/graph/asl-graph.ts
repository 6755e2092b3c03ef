// A Step Functions definition as the graph the console draws: Start and End, one node per state, Map and Parallel as
// containers holding their inner graphs, edges labelled the way the Step Functions console labels them.
import { ruleLabel } from './choice-rule.ts';

export interface AslMachine {
  readonly StartAt?: string;
  readonly States?: Record<string, AslState>;
}

export interface AslState {
  readonly Type?: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Default?: string;
  readonly Choices?: readonly Record<string, unknown>[];
  readonly Catch?: readonly { readonly ErrorEquals?: readonly string[]; readonly Next?: string }[];
  readonly Branches?: readonly AslMachine[];
  readonly Iterator?: AslMachine;
  readonly ItemProcessor?: AslMachine;
}

export type EdgeKind = 'next' | 'choice' | 'default' | 'catch';

export interface GraphNode {
  /** Unique in the whole drawing: the state name, or `start:`/`end:` markers. */
  readonly id: string;
  readonly kind: 'start' | 'end' | 'state';
  readonly state?: string;
  readonly type?: string;
  /** Map: one inner graph; Parallel: one per branch. */
  readonly children?: readonly StateGraph[];
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label?: string;
}

export interface StateGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

const START = 'start:';
const END = 'end:';

/** The top-level graph, with Start and End markers; inner graphs of containers have none (as in the AWS console). */
export function graphOfMachine(machine: AslMachine): StateGraph {
  const inner = graphOfStates(machine, true);
  const nodes: GraphNode[] = [{ id: START, kind: 'start' }, ...inner.nodes, { id: END, kind: 'end' }];
  const edges: GraphEdge[] = [...inner.edges];
  if (machine.StartAt) edges.unshift({ from: START, to: machine.StartAt, kind: 'next' });
  return { nodes, edges };
}

function graphOfStates(machine: AslMachine, topLevel: boolean): StateGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const states = machine.States ?? {};
  for (const [name, state] of Object.entries(states)) {
    nodes.push({ id: name, kind: 'state', state: name, type: state.Type, children: childGraphs(state) });
    for (const edge of edgesOf(name, state)) if (edge.to in states) edges.push(edge);
    const ends = state.End === true || state.Type === 'Succeed' || state.Type === 'Fail';
    if (ends && topLevel) edges.push({ from: name, to: END, kind: 'next' });
  }
  return { nodes, edges };
}

function childGraphs(state: AslState): StateGraph[] | undefined {
  if (state.Type === 'Parallel') return (state.Branches ?? []).map((branch) => graphOfStates(branch, false));
  const processor = state.ItemProcessor ?? state.Iterator;
  if (state.Type === 'Map' && processor) return [graphOfStates(processor, false)];
  return undefined;
}

function edgesOf(name: string, state: AslState): GraphEdge[] {
  const edges: GraphEdge[] = [];
  if (state.Next) edges.push({ from: name, to: state.Next, kind: 'next' });
  for (const choice of state.Choices ?? []) {
    if (typeof choice.Next === 'string')
      edges.push({ from: name, to: choice.Next, kind: 'choice', label: ruleLabel(choice) });
  }
  if (state.Default) edges.push({ from: name, to: state.Default, kind: 'default', label: 'Default' });
  for (const handler of state.Catch ?? []) {
    if (handler.Next) {
      edges.push({
        from: name,
        to: handler.Next,
        kind: 'catch',
        label: `Catch: ${(handler.ErrorEquals ?? []).join(', ')}`,
      });
    }
  }
  return edges;
}

/** Every state name in the machine, containers' inner states included. */
export function countStates(machine: AslMachine): number {
  let count = 0;
  for (const state of Object.values(machine.States ?? {})) {
    count += 1;
    const processor = state.ItemProcessor ?? state.Iterator;
    for (const child of [...(state.Branches ?? []), ...(processor ? [processor] : [])]) count += countStates(child);
  }
  return count;
}
