// Places a state graph with dagre, level by level: each Map/Parallel container is laid out from the inside first and
// then placed in its parent as one node of the size its inner graphs need (dagre's own compound graphs cannot route
// edges to a container, which is what the Step Functions console draws).
import { graphlib, layout } from '@dagrejs/dagre';
import type { GraphEdge, GraphNode, StateGraph } from './asl-graph.ts';
import { straightRuns } from './straight-runs.ts';

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

const RANK_SEP = 44;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where the line from the centre of `box` towards `toward` leaves it (as dagre ends its edges). */
function borderPoint(box: Box, toward: Point): Point {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (!dx && !dy) return { x: cx, y: cy };
  const [halfW, halfH] = [box.width / 2, box.height / 2];
  if (Math.abs(dy) * halfW > Math.abs(dx) * halfH) {
    const h = dy < 0 ? -halfH : halfH;
    return { x: cx + (h * dx) / dy, y: cy + h };
  }
  const w = dx < 0 ? -halfW : halfW;
  return { x: cx + w, y: cy + (w * dy) / dx };
}

export function layoutGraph(graph: StateGraph): PlacedGraph {
  const inner = new Map<string, PlacedGraph[]>();
  for (const node of graph.nodes) if (node.children) inner.set(node.id, node.children.map(layoutGraph));
  const sizes = new Map(graph.nodes.map((node) => [node.id, sizeOf(node, inner.get(node.id) ?? [])]));
  // A straight run is one dagre node as tall as its states stacked RANK_SEP apart, named after its first state.
  const runs = straightRuns(
    graph.nodes.map((node) => node.id),
    graph.edges,
  );
  const headOf = new Map<string, string>();
  const followerInRun = new Map<string, string>();
  for (const run of runs) {
    run.forEach((id, index) => {
      headOf.set(id, run[0] ?? id);
      const next = run[index + 1];
      if (next !== undefined) followerInRun.set(id, next);
    });
  }
  const head = (id: string) => headOf.get(id) ?? id;
  const inRun = (edge: GraphEdge) => followerInRun.get(edge.from) === edge.to;
  const sizeOfId = (id: string) => sizes.get(id) ?? { width: 0, height: 0 };
  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: 'TB',
    rankalign: 'bottom',
    nodesep: 28,
    ranksep: RANK_SEP,
    edgesep: 12,
    marginx: 8,
    marginy: 8,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const run of runs) {
    const boxes = run.map(sizeOfId);
    g.setNode(head(run[0] ?? ''), {
      width: Math.max(...boxes.map((box) => box.width)),
      height: boxes.reduce((sum, box) => sum + box.height, 0) + RANK_SEP * (run.length - 1),
    });
  }
  graph.edges.forEach((edge, index) => {
    if (inRun(edge)) return;
    const label = edge.label ? { width: edge.label.length * 6 + 8, height: LABEL_HEIGHT, labelpos: 'c' } : {};
    g.setEdge(head(edge.from), head(edge.to), { ...label, minlen: 1 }, String(index));
  });
  layout(g);
  // Each state's box: a run's states stacked down its dagre node, centred.
  const boxes = new Map<string, Box>();
  for (const run of runs) {
    const placed = g.node(head(run[0] ?? ''));
    let top = placed.y - placed.height / 2;
    for (const id of run) {
      const { width, height } = sizeOfId(id);
      boxes.set(id, { x: placed.x - width / 2, y: top, width, height });
      top += height + RANK_SEP;
    }
  }
  const boxOf = (id: string): Box => boxes.get(id) ?? { x: 0, y: 0, ...sizeOfId(id) };
  const nodes = graph.nodes.map((node): PlacedNode => {
    const box = boxOf(node.id);
    const children = inner.get(node.id) ?? [];
    let left = (box.width - (children.reduce((sum, c) => sum + c.width, 0) + BRANCH_GAP * (children.length - 1))) / 2;
    const offsets = children.map((child) => {
      const offset = { x: left, y: CONTAINER_HEADER + CONTAINER_PADDING };
      left += child.width + BRANCH_GAP;
      return { offset, graph: child };
    });
    return { node, ...box, children: offsets };
  });
  const edges = graph.edges.map((edge, index): PlacedEdge => {
    const from = boxOf(edge.from);
    const to = boxOf(edge.to);
    if (inRun(edge)) {
      const x = from.x + from.width / 2;
      return {
        edge,
        points: [
          { x, y: from.y + from.height },
          { x, y: to.y },
        ],
      };
    }
    const placed = g.edge({ v: head(edge.from), w: head(edge.to), name: String(index) });
    // Dagre ended the edge on its run's box: end it on the state's own (the run's last state, or its first).
    const points = [...(placed.points ?? [])];
    const [second, beforeLast] = [points[1], points[points.length - 2]];
    if (second && beforeLast) {
      points[0] = borderPoint(from, second);
      points[points.length - 1] = borderPoint(to, beforeLast);
    }
    const labelAt =
      edge.label && placed.x !== undefined && placed.y !== undefined ? { x: placed.x, y: placed.y } : undefined;
    return { edge, points, labelAt };
  });
  const size = g.graph();
  return { width: size.width ?? 0, height: size.height ?? 0, nodes, edges };
}
