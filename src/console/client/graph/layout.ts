// Places a state graph with dagre, level by level: each Map/Parallel container is laid out from the inside first and
// then placed in its parent as one node of the size its inner graphs need (dagre's own compound graphs cannot route
// edges to a container, which is what the Step Functions console draws).
import { graphlib, layout } from '@dagrejs/dagre';
import type { GraphEdge, GraphNode, StateGraph } from './asl-graph.ts';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PlacedGraph {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

export interface PlacedNode {
  readonly node: GraphNode;
  /** Top-left corner in the coordinates of the enclosing graph. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Inner graphs, each with its own top-left offset inside this node. */
  readonly children: readonly { readonly offset: Point; readonly graph: PlacedGraph }[];
}

export interface PlacedEdge {
  readonly edge: GraphEdge;
  readonly points: readonly Point[];
  readonly labelAt?: Point;
}

const CHAR_WIDTH = 7;
const STATE_HEIGHT = 36;
/** Title and the iteration counts line. */
const CONTAINER_HEADER = 44;
const CONTAINER_PADDING = 14;
const BRANCH_GAP = 16;
const LABEL_HEIGHT = 16;

function stateWidth(text: string): number {
  return Math.max(120, text.length * CHAR_WIDTH + 32);
}

function sizeOf(node: GraphNode, children: readonly PlacedGraph[]): { width: number; height: number } {
  if (node.kind !== 'state') return { width: 64, height: 28 };
  const title = stateWidth(`${node.state ?? ''}  ${node.type ?? ''}`);
  if (!children.length) return { width: title, height: STATE_HEIGHT };
  // Room for "1,000 iterations: 990 succeeded, 10 failed" under the title.
  const countsLine = 280;
  const innerWidth = children.reduce((sum, child) => sum + child.width, 0) + BRANCH_GAP * (children.length - 1);
  const innerHeight = Math.max(...children.map((child) => child.height));
  return {
    width: Math.max(title, countsLine, innerWidth + 2 * CONTAINER_PADDING),
    height: CONTAINER_HEADER + innerHeight + 2 * CONTAINER_PADDING,
  };
}

export function layoutGraph(graph: StateGraph): PlacedGraph {
  const inner = new Map<string, PlacedGraph[]>();
  for (const node of graph.nodes) if (node.children) inner.set(node.id, node.children.map(layoutGraph));
  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 44, edgesep: 12, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, sizeOf(node, inner.get(node.id) ?? []));
  graph.edges.forEach((edge, index) => {
    const label = edge.label ? { width: edge.label.length * 6 + 8, height: LABEL_HEIGHT, labelpos: 'c' } : {};
    g.setEdge(edge.from, edge.to, { ...label, minlen: 1 }, String(index));
  });
  layout(g);
  const nodes = graph.nodes.map((node): PlacedNode => {
    const placed = g.node(node.id);
    const children = inner.get(node.id) ?? [];
    let left =
      (placed.width - (children.reduce((sum, c) => sum + c.width, 0) + BRANCH_GAP * (children.length - 1))) / 2;
    const offsets = children.map((child) => {
      const offset = { x: left, y: CONTAINER_HEADER + CONTAINER_PADDING };
      left += child.width + BRANCH_GAP;
      return { offset, graph: child };
    });
    return {
      node,
      x: placed.x - placed.width / 2,
      y: placed.y - placed.height / 2,
      width: placed.width,
      height: placed.height,
      children: offsets,
    };
  });
  const edges = graph.edges.map((edge, index): PlacedEdge => {
    const placed = g.edge({ v: edge.from, w: edge.to, name: String(index) });
    const labelAt =
      edge.label && placed.x !== undefined && placed.y !== undefined ? { x: placed.x, y: placed.y } : undefined;
    return { edge, points: placed.points ?? [], labelAt };
  });
  const size = g.graph();
  return { width: size.width ?? 0, height: size.height ?? 0, nodes, edges };
}
