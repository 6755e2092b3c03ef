// /ui/workflows/<workflow>/executions/<execution>: status, times, input/output/error, the graph coloured live from
// the SSE stream (folded into steps by the server's own foldSteps), the step table, raw events, Stop.
import { branchResolverFromAsl } from '../../../contracts/steps/branch-resolver.ts';
import type { HistoryEventLike } from '../../../contracts/steps/events.ts';
import { foldSteps } from '../../../contracts/steps/fold-steps.ts';
import type { StepRow } from '../../../contracts/steps/step-row.ts';
import { ApiError, getJson, postJson } from '../api.ts';
import { askDialog } from '../dialog.ts';
import { clear, formatDuration, formatTime, h } from '../dom.ts';
import type { AslMachine } from '../graph/asl-graph.ts';
import { drawGraph } from '../graph/render.ts';
import { summariseStates } from '../graph/state-status.ts';
import { jsonBlock } from '../json-view.ts';
import { pagedTable } from '../paged-table.ts';
import { followStream } from '../sse.ts';
import {
  type ExecutionDetails,
  errorBox,
  executionPath,
  graphFrame,
  link,
  placedGraph,
  takeShellDefinition,
  statusBadge,
  type WorkflowDetails,
  workflowPath,
} from './shared.ts';

/** Folding and redrawing at most this often; a long history waits longer (see `schedule`). */
const REDRAW_MS = 50;
/** The page spends at most about 1/REDRAW_SHARE of its time refolding a history as it streams in (25,000 events). */
const REDRAW_SHARE = 5;

export async function executionPage(main: HTMLElement, workflow: string, execution: string): Promise<() => void> {
  document.title = `${execution} · ${workflow} · stepforge`;
  const path = executionPath(workflow, execution);
  let details: ExecutionDetails;
  let asl: AslMachine | null;
  try {
    // The definition the shell carried spares waiting for the workflow's details (a Step Functions call for its type).
    const carried = takeShellDefinition(workflow);
    [details, asl] = await Promise.all([
      getJson<ExecutionDetails>(path),
      carried ?? getJson<WorkflowDetails>(workflowPath(workflow)).then((workflowDetails) => workflowDetails.asl),
    ]);
  } catch (error) {
    const express = error instanceof ApiError && error.problem.workflowType === 'EXPRESS';
    clear(
      main,
      crumbs(workflow, execution),
      h('h1', {}, execution),
      express
        ? h(
            'p',
            { class: 'notice' },
            'This workflow is EXPRESS: Step Functions keeps no record of its executions, so there is no history to show. Run it from the workflow page with "Wait for the result".',
          )
        : errorBox(error),
    );
    return () => {};
  }
  const graph = asl ? drawGraph(placedGraph(workflow, asl), { onSelect: (state) => showState(state) }) : undefined;
  const header = h('div', { class: 'execution-header' });
  const detailPanel = h(
    'aside',
    { class: 'detail-panel', 'data-detail': true },
    h('p', { class: 'muted' }, 'Click a state or a row to see its input, output and error.'),
  );
  const stepsTab = h('div', { class: 'tab-body', 'data-tab-body': 'steps' });
  const eventsTab = h('div', { class: 'tab-body', 'data-tab-body': 'events', hidden: true });
  const tabs = tabBar({ steps: stepsTab, events: eventsTab });
  const page = h('div', { class: 'execution', 'data-execution-status': details.status });
  clear(main, page);
  page.append(
    crumbs(workflow, execution),
    header,
    h(
      'div',
      { class: 'columns' },
      h('section', { class: 'graph-section' }, graph ? graphFrame(graph.svg) : h('p', {}, 'No ASL in the build.')),
      detailPanel,
    ),
    tabs,
    stepsTab,
    eventsTab,
  );

  const events: HistoryEventLike[] = [];
  let rows: StepRow[] = [];
  const resolveBranch = asl ? branchResolverFromAsl(asl) : undefined;
  let selected: string | undefined;

  const renderHeader = (): void => {
    page.setAttribute('data-execution-status', details.status);
    const stop = h('button', { type: 'button', class: 'danger', 'data-action': 'stop' }, 'Stop');
    stop.addEventListener('click', () => void stopExecution(stop));
    clear(
      header,
      h('h1', {}, execution, ' ', statusBadge(details.status), details.status === 'RUNNING' ? stop : null),
      h(
        'dl',
        { class: 'facts-grid' },
        h('dt', {}, 'Started'),
        h('dd', {}, formatTime(details.startedAt)),
        h('dt', {}, 'Stopped'),
        h('dd', {}, formatTime(details.stoppedAt)),
      ),
      details.error
        ? h(
            'p',
            { class: 'error-box', 'data-execution-error': true },
            `${details.error}${details.cause ? `: ${details.cause}` : ''}`,
          )
        : null,
      h(
        'div',
        { class: 'io' },
        jsonBlock('Input', details.input, false),
        details.status === 'SUCCEEDED' ? jsonBlock('Output', details.output, false) : null,
      ),
    );
  };

  const stopExecution = async (button: HTMLButtonElement): Promise<void> => {
    const sure = await askDialog({
      title: 'Stop execution',
      text: `Stop ${execution}? Its running states are aborted.`,
      confirm: 'Stop execution',
    });
    if (sure === null) return;
    button.disabled = true;
    try {
      await postJson(`${path}/stop`, {});
      details = await getJson<ExecutionDetails>(path);
      renderHeader();
    } catch (error) {
      header.append(errorBox(error));
      button.disabled = false;
    }
  };

  const stepsTable = pagedTable<StepRow>({
    noun: 'steps',
    headings: ['State', 'Type', 'Status', 'Where', 'Attempts', 'Started', 'Duration'],
    row: (row) => {
      const failed = row.failedAttempts.length;
      const tr = h(
        'tr',
        { 'data-step': row.name, 'data-status': row.status, tabindex: 0 },
        h('td', {}, row.name),
        h('td', {}, row.type),
        h('td', {}, h('span', { class: `badge badge-${row.status}` }, row.status)),
        h('td', {}, where(row)),
        h('td', {}, failed ? `${row.attempts} (${failed} failed)` : String(row.attempts)),
        h('td', {}, formatTime(row.startedAt)),
        h('td', {}, formatDuration(row.durationMs)),
      );
      tr.addEventListener('click', () => showRows(row.name, [row]));
      return tr;
    },
  });
  const eventsTable = pagedTable<HistoryEventLike>({
    noun: 'events',
    headings: ['Id', 'Type', 'Time', 'Event'],
    row: (event) =>
      h(
        'tr',
        {},
        h('td', {}, String(event.id)),
        h('td', {}, String(event.type)),
        h('td', {}, formatTime(String(event.timestamp))),
        h('td', {}, jsonBlock('event', event, false)),
      ),
  });
  stepsTab.append(stepsTable.element);
  eventsTab.append(eventsTable.element);

  const showRows = (state: string, stateRows: readonly StepRow[]): void => {
    selected = state;
    const shown = stateRows.slice(0, 20);
    clear(
      detailPanel,
      h('h2', {}, state),
      stateRows.length > shown.length
        ? h(
            'p',
            { class: 'muted' },
            `${stateRows.length} runs; the first ${shown.length} shown (the step table has them all)`,
          )
        : null,
      stateRows.length ? null : h('p', { class: 'muted' }, 'Not reached (yet).'),
      ...shown.map((row) =>
        h(
          'div',
          { class: 'run', 'data-run': row.enteredEventId },
          h(
            'p',
            {},
            h('span', { class: `badge badge-${row.status}` }, row.status),
            ' ',
            where(row),
            row.attempts > 1 ? ` · ${row.attempts} attempts` : '',
          ),
          row.error
            ? h(
                'p',
                { class: 'error-box', 'data-step-error': row.error },
                `${row.error}${row.cause ? `: ${row.cause}` : ''}`,
              )
            : null,
          ...row.failedAttempts.map((failure) =>
            h('p', { class: 'muted' }, `attempt ${failure.attempt} failed: ${failure.error ?? ''}`),
          ),
          jsonBlock('Input', row.input, shown.length === 1),
          jsonBlock('Output', row.output, shown.length === 1),
        ),
      ),
    );
  };
  const showState = (state: string): void =>
    showRows(
      state,
      rows.filter((row) => row.name === state),
    );

  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let redrawCost = 0;
  const redraw = (): void => {
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    const begin = performance.now();
    rows = foldSteps(events, resolveBranch);
    graph?.update(summariseStates(rows));
    stepsTable.show(rows);
    if (!eventsTab.hidden) eventsTable.show(events);
    if (selected) showState(selected);
    redrawCost = performance.now() - begin;
  };
  const schedule = (): void => {
    dirty = true;
    timer ??= setTimeout(redraw, Math.max(REDRAW_MS, redrawCost * REDRAW_SHARE));
  };

  renderHeader();
  tabs.addEventListener('tab', () => eventsTable.show(events));
  const stop = followStream(`${path}/stream`, {
    onEvent(_id, data) {
      events.push(data as HistoryEventLike);
      schedule();
    },
    onEnd() {
      schedule();
      void getJson<ExecutionDetails>(path).then((latest) => {
        details = latest;
        renderHeader();
      });
    },
    onError(detail) {
      header.append(h('p', { class: 'error-box' }, `Live updates: ${detail}`));
    },
  });
  return () => {
    stop();
    clearTimeout(timer);
  };
}

function crumbs(workflow: string, execution: string): HTMLElement {
  return h(
    'nav',
    { class: 'crumbs' },
    link('/workflows', 'Workflows'),
    ' / ',
    link(workflowPath(workflow), workflow),
    ' / ',
    execution,
  );
}

function where(row: StepRow): string {
  return row.scope
    .map((marker) =>
      'iteration' in marker ? `${marker.state}[${marker.iteration}]` : `${marker.state} branch ${marker.branch}`,
    )
    .join(' › ');
}

/** Tab buttons that show one body at a time; dispatches `tab` on itself when the events tab opens. */
function tabBar(bodies: Record<string, HTMLElement>): HTMLElement {
  const bar = h('div', { class: 'tabs', role: 'tablist' });
  for (const name of Object.keys(bodies)) {
    const button = h(
      'button',
      { type: 'button', role: 'tab', 'data-tab': name, class: name === 'steps' ? 'tab active' : 'tab' },
      name === 'steps' ? 'Steps' : 'Raw events',
    );
    button.addEventListener('click', () => {
      for (const [other, otherBody] of Object.entries(bodies)) otherBody.hidden = other !== name;
      for (const tab of bar.querySelectorAll('.tab')) tab.classList.toggle('active', tab === button);
      if (name === 'events') bar.dispatchEvent(new Event('tab'));
    });
    bar.append(button);
  }
  return bar;
}
