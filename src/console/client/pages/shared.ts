// What the pages share: the API's shapes they read, the graph of a workflow, links, errors, status badges.
import { ApiError } from '../api.ts';
import { h } from '../dom.ts';
import { type AslMachine, graphOfMachine } from '../graph/asl-graph.ts';
import { layoutGraph, type PlacedGraph } from '../graph/layout.ts';

export interface WorkflowSummary {
  readonly name: string;
  readonly stateMachineArn: string;
  readonly inputSchema: unknown;
}

export interface WorkflowDetails extends WorkflowSummary {
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly asl: AslMachine | null;
}

export interface ExecutionSummary {
  readonly execution: string;
  readonly executionArn: string;
  readonly status: string;
  readonly startedAt: string | null;
  readonly stoppedAt: string | null;
}

export interface ExecutionDetails extends ExecutionSummary {
  readonly input: unknown;
  readonly output: unknown;
  readonly error: string | null;
  readonly cause: string | null;
}

export interface ExecutionPage {
  readonly executions: readonly ExecutionSummary[];
  readonly nextCursor: string | null;
}

export const enc = encodeURIComponent;

export function workflowPath(workflow: string): string {
  return `/workflows/${enc(workflow)}`;
}

export function executionPath(workflow: string, execution: string): string {
  return `${workflowPath(workflow)}/executions/${enc(execution)}`;
}

/** An in-app link: the router handles the click without a reload. */
export function link(path: string, ...children: (Node | string)[]): HTMLAnchorElement {
  return h('a', { href: `/ui${path}`, 'data-link': true }, ...children);
}

export function statusBadge(status: string): HTMLElement {
  return h('span', { class: `badge badge-${status.toLowerCase()}`, 'data-badge': status }, status);
}

export function errorBox(error: unknown): HTMLElement {
  const text = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return h('p', { class: 'error-box', role: 'alert' }, text);
}

/**
 * The definition the shell carried for `workflow` (src/console/shell.ts), so the graph is drawn without waiting for
 * any request; undefined when it carried none (the build has no ASL, or the page loaded was another workflow's).
 * Taken once: pages reached later by in-app links read the API, as fresh as it is then.
 */
export function takeShellDefinition(workflow: string): AslMachine | undefined {
  const main = document.querySelector('main');
  const text = main?.getAttribute('data-definition');
  const of = main?.getAttribute('data-definition-of');
  main?.removeAttribute('data-definition');
  main?.removeAttribute('data-definition-of');
  if (!text || of !== workflow) return undefined;
  try {
    return JSON.parse(text) as AslMachine;
  } catch {
    return undefined;
  }
}

const layouts = new Map<string, PlacedGraph>();

/** Layout is the costly part: one per workflow and ASL text for the page's life. */
export function placedGraph(name: string, asl: AslMachine): PlacedGraph {
  const key = `${name}\n${JSON.stringify(asl)}`;
  let placed = layouts.get(key);
  if (!placed) {
    placed = layoutGraph(graphOfMachine(asl));
    layouts.set(key, placed);
  }
  return placed;
}

/** A scrolling frame around a drawn graph, with fit/actual size toggle for big workflows. */
export function graphFrame(svg: SVGSVGElement): HTMLElement {
  const frame = h('div', { class: 'graph-frame fit', 'data-graph': true }, svg);
  const toggle = h('button', { type: 'button', class: 'secondary small' }, 'Actual size');
  toggle.addEventListener('click', () => {
    const fit = frame.classList.toggle('fit');
    toggle.textContent = fit ? 'Actual size' : 'Fit';
  });
  return h('div', { class: 'graph-panel' }, h('div', { class: 'graph-tools' }, toggle), frame);
}
