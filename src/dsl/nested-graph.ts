// Creating the graph of a Parallel branch or a Map processor from a state, a chain, or `steps => ...`.
import { captureCallSite, type SourceLocation } from './call-site.ts';
import { attach, StateGraph } from './graph.ts';
import { type Linkable, type StepsFactory, startOf } from './state.ts';

export type GraphBuilder<S> = Linkable | ((steps: S) => Linkable);

export function buildNestedGraph<S>(
  label: string,
  builder: GraphBuilder<S>,
  stepsFor: StepsFactory,
  site: SourceLocation = captureCallSite(),
): StateGraph {
  const graph = new StateGraph(label, site);
  const resolved = typeof builder === 'function' ? builder(stepsFor(graph) as S) : builder;
  const start = startOf(resolved);
  attach(start, graph, site);
  graph.start = start;
  return graph;
}
