// /ui/workflows: every deployed workflow with its type, state count, latest executions and a small graph.
import { getJson } from '../api.ts';
import { clear, h } from '../dom.ts';
import { countStates } from '../graph/asl-graph.ts';
import { drawGraph } from '../graph/render.ts';
import {
  type ExecutionPage,
  errorBox,
  link,
  placedGraph,
  statusBadge,
  type WorkflowDetails,
  type WorkflowSummary,
  workflowPath,
} from './shared.ts';

/** Beyond this a thumbnail is too small to read. */
const THUMBNAIL_STATES = 40;

export async function workflowsPage(main: HTMLElement): Promise<void> {
  document.title = 'Workflows · stepforge';
  const { workflows } = await getJson<{ workflows: WorkflowSummary[] }>('/workflows');
  const list = h('div', { class: 'cards' });
  clear(
    main,
    h('h1', {}, 'Workflows'),
    workflows.length ? list : h('p', {}, 'No workflow is deployed (build/deployment.json names none).'),
  );
  await Promise.all(workflows.map(async (workflow) => list.append(await card(workflow.name))));
}

async function card(name: string): Promise<HTMLElement> {
  const body = h('div', { class: 'card-body' });
  const element = h(
    'article',
    { class: 'card', 'data-workflow': name },
    h('h2', {}, link(workflowPath(name), name)),
    body,
  );
  try {
    const details = await getJson<WorkflowDetails>(workflowPath(name));
    const express = details.type === 'EXPRESS';
    const states = details.asl ? countStates(details.asl) : undefined;
    const facts = h(
      'p',
      { class: 'facts' },
      h('span', { 'data-type': details.type }, details.type),
      ' · ',
      `${states ?? '?'} states`,
    );
    let recent: HTMLElement;
    if (express) recent = h('p', { class: 'muted' }, 'EXPRESS: Step Functions keeps no execution records');
    else {
      const latest = await getJson<ExecutionPage>(`${workflowPath(name)}/executions?limit=5`);
      recent = latest.executions.length
        ? h(
            'p',
            { class: 'recent' },
            'Latest: ',
            ...latest.executions.map((execution) => statusBadge(execution.status)),
          )
        : h('p', { class: 'muted' }, 'No executions yet');
    }
    body.append(facts, recent);
    if (details.asl && (states ?? 0) > THUMBNAIL_STATES) {
      body.append(
        h('p', { class: 'thumbnail muted' }, 'Too many states for a thumbnail: open the workflow to see its graph.'),
      );
    } else if (details.asl) {
      const thumbnail = drawGraph(placedGraph(name, details.asl), { small: true });
      body.append(h('div', { class: 'thumbnail' }, thumbnail.svg));
    }
  } catch (error) {
    body.append(errorBox(error));
  }
  return element;
}
