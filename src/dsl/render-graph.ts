import type { AslGraph, AslState } from './asl-types.ts';
import type { StateGraph } from './graph.ts';
import type { RenderContext } from './state.ts';

/** `{ StartAt, States }` of one graph, states in the order they joined it (deterministic: code order). */
export function renderGraph(graph: StateGraph, context: RenderContext): AslGraph {
  const states: { [name: string]: AslState } = {};
  for (const state of graph.states) states[state.name] = state.render(context);
  return { StartAt: graph.startState().name, States: states };
}
