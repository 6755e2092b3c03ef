// Draws a placed graph as SVG. Every state node is a <g data-state data-status>, the contract tests and users rely on.
import { s } from '../dom.ts';
import type { PlacedGraph, PlacedNode, Point } from './layout.ts';
import { countsText, iterationsText, type NodeStatus, NUMBER, type StateSummary } from './state-status.ts';

export interface DrawnGraph {
  readonly svg: SVGSVGElement;
  /** Recolours every node from the latest summaries (states absent from it are `not-reached`). */
  update(summaries: ReadonlyMap<string, StateSummary>): void;
}

export interface DrawOptions {
  readonly onSelect?: (state: string) => void;
  /** A thumbnail: no labels on edges, no counts. */
  readonly small?: boolean;
}

export function drawGraph(graph: PlacedGraph, options: DrawOptions = {}): DrawnGraph {
  const nodes = new Map<string, { group: SVGGElement; counts: SVGTextElement | undefined }>();
  const svg = s('svg', {
    class: options.small ? 'graph graph-small' : 'graph',
    viewBox: `0 0 ${Math.ceil(graph.width)} ${Math.ceil(graph.height)}`,
    width: Math.ceil(graph.width),
    height: Math.ceil(graph.height),
    role: 'img',
  });
  svg.append(arrowMarker());
  svg.append(drawLevel(graph, { x: 0, y: 0 }, nodes, options));
  return {
    svg,
    update(summaries) {
      for (const [name, drawn] of nodes) {
        const summary = summaries.get(name);
        const status: NodeStatus = summary?.status ?? 'not-reached';
        drawn.group.setAttribute('data-status', status);
        if (drawn.counts) drawn.counts.textContent = summary ? summaryText(summary) : '';
      }
    },
  };
}

function summaryText(summary: StateSummary): string {
  if (summary.iterations) return iterationsText(summary.iterations);
  return summary.runs > 1 ? `${NUMBER.format(summary.runs)} runs: ${countsText(summary.counts)}` : '';
}

function arrowMarker(): SVGDefsElement {
  return s(
    'defs',
    {},
    s(
      'marker',
      {
        id: 'arrow',
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto-start-reverse',
      },
      s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }),
    ),
  );
}

function drawLevel(
  graph: PlacedGraph,
  at: Point,
  nodes: Map<string, { group: SVGGElement; counts: SVGTextElement | undefined }>,
  options: DrawOptions,
): SVGGElement {
  const level = s('g', { transform: `translate(${at.x} ${at.y})` });
  for (const placed of graph.edges) {
    const d = placed.points.map((point, index) => `${index ? 'L' : 'M'} ${point.x} ${point.y}`).join(' ');
    level.append(s('path', { d, class: `edge edge-${placed.edge.kind}`, 'marker-end': 'url(#arrow)' }));
    if (placed.labelAt && placed.edge.label && !options.small) {
      level.append(
        s(
          'text',
          { x: placed.labelAt.x, y: placed.labelAt.y + 4, class: `edge-label edge-label-${placed.edge.kind}` },
          placed.edge.label,
        ),
      );
    }
  }
  for (const placed of graph.nodes) level.append(drawNode(placed, nodes, options));
  return level;
}

function drawNode(
  placed: PlacedNode,
  nodes: Map<string, { group: SVGGElement; counts: SVGTextElement | undefined }>,
  options: DrawOptions,
): SVGGElement {
  const { node, x, y, width, height } = placed;
  if (node.kind !== 'state') {
    return s(
      'g',
      { class: `marker marker-${node.kind}`, transform: `translate(${x} ${y})` },
      s('rect', { width, height, rx: height / 2 }),
      s('text', { x: width / 2, y: height / 2 + 4 }, node.kind === 'start' ? 'Start' : 'End'),
    );
  }
  const container = placed.children.length > 0;
  const group = s('g', {
    class: container ? 'state container' : 'state',
    transform: `translate(${x} ${y})`,
    'data-state': node.state,
    'data-status': 'not-reached',
    'data-type': node.type,
    tabindex: options.onSelect ? 0 : undefined,
  });
  group.append(s('rect', { class: 'state-box', width, height, rx: container ? 8 : 6 }));
  const titleY = container ? 20 : height / 2 + 4;
  const title = s('text', { class: 'state-name', x: container ? 12 : width / 2, y: titleY }, node.state);
  if (container) title.classList.add('state-name-left');
  group.append(title);
  if (!options.small) group.append(s('title', {}, `${node.state} (${node.type})`));
  let counts: SVGTextElement | undefined;
  if (!options.small) {
    counts = s('text', { class: 'state-counts', x: container ? 12 : width / 2, y: container ? 36 : height + 12 });
    if (container) counts.classList.add('state-counts-left');
    group.append(counts);
  }
  for (const child of placed.children) {
    group.append(
      s('rect', {
        class: 'branch-box',
        x: child.offset.x - 4,
        y: child.offset.y - 4,
        width: child.graph.width + 8,
        height: child.graph.height + 8,
        rx: 6,
      }),
    );
    group.append(drawLevel(child.graph, child.offset, nodes, options));
  }
  if (options.onSelect) {
    const select = options.onSelect;
    const state = node.state ?? '';
    group.addEventListener('click', (event) => {
      event.stopPropagation();
      select(state);
    });
    group.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Enter') select(state);
    });
  }
  if (node.state) nodes.set(node.state, { group, counts });
  return group;
}
