// /ui/workflows/<workflow>: the graph, the input schema, the Start form and the executions list.
import { ApiError, getJson, postJson } from '../api.ts';
import { clear, formatTime, h } from '../dom.ts';
import type { AslMachine } from '../graph/asl-graph.ts';
import { drawGraph } from '../graph/render.ts';
import { jsonBlock } from '../json-view.ts';
import { buildSchemaForm, FieldError } from '../schema-form.ts';
import type { Navigate } from '../router.ts';
import {
  type ExecutionDetails,
  type ExecutionPage,
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

const STATUSES = ['', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];
const PAGE_SIZE = 20;
const REFRESH_MS = 3000;
const EXPRESS_NOTE =
  'This is an EXPRESS workflow: Step Functions keeps no record of its executions, so there is nothing to list or follow. Start one with "Wait for the result" to see its output here.';

export async function workflowPage(main: HTMLElement, workflow: string, navigate: Navigate): Promise<() => void> {
  document.title = `${workflow} · stepforge`;
  // The graph is drawn from the definition the shell carried, while the details (type, schema) are on their way.
  const carried = takeShellDefinition(workflow);
  const details = getJson<WorkflowDetails>(workflowPath(workflow));
  const side = h('section', { class: 'side' });
  const executions = h('section', { class: 'executions' }, h('h2', {}, 'Executions'));
  const show = (asl: AslMachine | null) =>
    clear(
      main,
      h('nav', { class: 'crumbs' }, link('/workflows', 'Workflows'), ' / ', workflow),
      h('h1', {}, workflow),
      h(
        'div',
        { class: 'columns' },
        h(
          'section',
          { class: 'graph-section' },
          h('h2', {}, 'Graph'),
          asl ? graphFrame(drawGraph(placedGraph(workflow, asl)).svg) : h('p', {}, 'No ASL in the build.'),
        ),
        side,
      ),
      executions,
    );
  if (carried) show(carried);
  const loaded = await details;
  if (!carried) show(loaded.asl);
  side.append(startForm(workflow, loaded, navigate), jsonBlock('Input schema', loaded.inputSchema, false));
  if (loaded.type === 'EXPRESS') {
    executions.append(h('p', { class: 'notice', 'data-express': true }, EXPRESS_NOTE));
    return () => {};
  }
  return executionsList(executions, workflow);
}

function startForm(workflow: string, details: WorkflowDetails, navigate: Navigate): HTMLElement {
  const form = buildSchemaForm(details.inputSchema);
  const key = h('input', {
    id: 'idempotency-key',
    name: 'idempotency-key',
    type: 'text',
    pattern: '[A-Za-z0-9_.\\-]{1,80}',
    placeholder: 'optional: becomes the execution name',
  });
  const wait = h('input', {
    id: 'prefer-wait',
    name: 'prefer-wait',
    type: 'checkbox',
    checked: details.type === 'EXPRESS',
  });
  const result = h('div', { class: 'start-result', 'data-start-result': true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Start execution');
  const element = h(
    'form',
    { class: 'start-form', 'data-start-form': true, novalidate: true },
    h('h2', {}, 'Start execution'),
    form.element,
    h('div', { class: 'field' }, h('label', { for: 'idempotency-key' }, 'Idempotency-Key'), key),
    h(
      'div',
      { class: 'field inline' },
      wait,
      h('label', { for: 'prefer-wait' }, 'Wait for the result (EXPRESS workflows: Prefer: wait)'),
    ),
    submit,
    result,
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      form.clearErrors();
      result.replaceChildren();
      let input: unknown;
      try {
        input = form.value();
      } catch (error) {
        if (error instanceof FieldError) return form.showError(error.message);
        throw error;
      }
      submit.disabled = true;
      try {
        const headers: Record<string, string> = {};
        if (key.value) headers['idempotency-key'] = key.value;
        if (wait.checked) headers.prefer = 'wait';
        const started = await postJson<ExecutionDetails & { links: Record<string, string> }>(
          `${workflowPath(workflow)}/executions`,
          input,
          headers,
        );
        if (started.body.links?.self) return navigate(executionPath(workflow, started.body.execution));
        // EXPRESS: nothing to follow; show what it answered.
        result.append(h('p', {}, statusBadge(started.body.status), ' ', started.body.execution));
        if (started.body.error)
          result.append(h('p', { class: 'error-box' }, `${started.body.error}: ${started.body.cause ?? ''}`));
        result.append(jsonBlock('Result', started.body.output ?? started.body));
      } catch (error) {
        if (error instanceof ApiError && error.problem.status === 400) form.showError(error.message);
        else result.append(errorBox(error));
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return element;
}

/** The executions table: status filter, paging by the API's cursors, refreshed while the page is open. */
function executionsList(section: HTMLElement, workflow: string): () => void {
  const filter = h(
    'select',
    { name: 'status', 'aria-label': 'status filter' },
    ...STATUSES.map((status) => h('option', { value: status }, status || 'any status')),
  );
  const body = h('tbody');
  const previous = h('button', { type: 'button', class: 'secondary small' }, 'Newer');
  const next = h('button', { type: 'button', class: 'secondary small' }, 'Older');
  const message = h('p', { class: 'muted' });
  section.append(
    h('div', { class: 'toolbar' }, filter, previous, next),
    h(
      'table',
      { class: 'table', 'data-executions': true },
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, 'Execution'), h('th', {}, 'Status'), h('th', {}, 'Started'), h('th', {}, 'Stopped')),
      ),
      body,
    ),
    message,
  );
  const cursors: (string | null)[] = [null];
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const load = async (): Promise<void> => {
    clearTimeout(timer);
    const cursor = cursors.at(-1);
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (filter.value) query.set('status', filter.value);
    if (cursor) query.set('cursor', cursor);
    try {
      const page = await getJson<ExecutionPage>(`${workflowPath(workflow)}/executions?${query}`);
      if (stopped) return;
      body.replaceChildren(
        ...page.executions.map((execution) =>
          h(
            'tr',
            { 'data-execution': execution.execution },
            h('td', {}, link(executionPath(workflow, execution.execution), execution.execution)),
            h('td', {}, statusBadge(execution.status)),
            h('td', {}, formatTime(execution.startedAt)),
            h('td', {}, formatTime(execution.stoppedAt)),
          ),
        ),
      );
      message.textContent = page.executions.length ? '' : 'No executions.';
      next.disabled = !page.nextCursor;
      next.onclick = () => {
        cursors.push(page.nextCursor);
        void load();
      };
      previous.disabled = cursors.length < 2;
    } catch (error) {
      body.replaceChildren();
      message.textContent = (error as Error).message;
      return;
    }
    if (!stopped) timer = setTimeout(() => void load(), REFRESH_MS);
  };
  previous.addEventListener('click', () => {
    cursors.pop();
    void load();
  });
  filter.addEventListener('change', () => {
    cursors.splice(1);
    void load();
  });
  void load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
