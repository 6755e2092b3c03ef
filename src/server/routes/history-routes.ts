import type { WorkflowEntry } from '../catalog/index.ts';
import { branchResolverFromAsl, foldSteps, historySource, readWholeHistory } from '../history/index.ts';
import { executionArnFor, fetchPage } from '../sfn/index.ts';
import { streamHistory } from '../stream/index.ts';
import { EXPRESS_CONFLICT, forRecordedExecutions } from './express-workflows.ts';
import { requireWorkflow } from './lookup.ts';
import { defineRoute, jsonResponse, parameter, type RouteDeps } from './route.ts';
import { CURSOR_QUERY, EXECUTION_PARAM, LIMIT_QUERY, WORKFLOW_PARAM } from './schemas.ts';

const DEFAULT_EVENTS_LIMIT = 100;
const DEFAULT_STEPS_LIMIT = 1000;

const STEP_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    type: { type: 'string' },
    status: { type: 'string', enum: ['running', 'succeeded', 'caught', 'failed', 'aborted', 'timed_out'] },
    startedAt: { type: ['string', 'null'] },
    endedAt: { type: ['string', 'null'] },
    durationMs: { type: ['number', 'null'] },
    input: {},
    output: {},
    error: { type: ['string', 'null'] },
    cause: { type: ['string', 'null'] },
    attempts: { type: 'integer' },
    failedAttempts: { type: 'array', items: { type: 'object' } },
    iteration: { type: 'integer', description: 'index of the enclosing Map iteration' },
    branch: { type: 'integer', description: 'index of the enclosing Parallel branch' },
    parent: { type: 'string', description: 'the enclosing Map or Parallel state' },
    scope: { type: 'array', items: { type: 'object' } },
  },
} as const;

export const historyRoute = defineRoute({
  operationId: 'getExecutionHistory',
  method: 'get',
  path: '/workflows/{workflow}/executions/{execution}/history',
  summary: 'the step history (one row per state entered) or the raw Step Functions events, paginated',
  params: { workflow: WORKFLOW_PARAM, execution: EXECUTION_PARAM },
  query: {
    view: parameter<'steps' | 'events'>({
      description: 'steps (default) or events',
      schema: { type: 'string', enum: ['steps', 'events'], default: 'steps' },
    }),
    reverse: parameter<boolean>({ description: 'newest first', schema: { type: 'boolean', default: false } }),
    limit: LIMIT_QUERY(undefined, `page size (default ${DEFAULT_EVENTS_LIMIT} events or ${DEFAULT_STEPS_LIMIT} steps)`),
    cursor: CURSOR_QUERY,
  },
  responses: {
    200: {
      description: 'one page of steps or events',
      schema: {
        type: 'object',
        properties: {
          execution: { type: 'string' },
          view: { enum: ['steps', 'events'] },
          steps: { type: 'array', items: STEP_SCHEMA },
          events: { type: 'array', items: { type: 'object' } },
          nextCursor: { type: ['string', 'null'] },
        },
      },
    },
    400: { description: 'bad view, reverse, limit or cursor' },
    404: { description: 'no such workflow or execution' },
    409: EXPRESS_CONFLICT,
  },
  async handle({ deps, params, query }) {
    const entry = await requireWorkflow(deps, params.workflow);
    return forRecordedExecutions(deps, entry, 'it has no execution history to read', () =>
      readHistory(deps, entry, params.execution, query),
    );
  },
});

interface HistoryQuery {
  readonly view: 'steps' | 'events';
  readonly reverse: boolean;
  readonly limit: number | undefined;
  readonly cursor: string | undefined;
}

async function readHistory(
  deps: RouteDeps,
  entry: WorkflowEntry,
  execution: string,
  query: HistoryQuery,
): Promise<Response> {
  const executionArn = executionArnFor(entry.stateMachineArn, execution);
  // A cursor is good for the listing it came from only: the same execution, view and order.
  const scope = `history:${executionArn}:${query.view}:${query.reverse}`;
  const cursor = await deps.cursors.decode(query.cursor, scope);
  const encode = (next: Parameters<typeof deps.cursors.encode>[0]) => deps.cursors.encode(next, scope);
  if (query.view === 'events') {
    const limit = query.limit ?? DEFAULT_EVENTS_LIMIT;
    const page = await fetchPage(historySource(deps.sfn, executionArn, query.reverse), limit, cursor, encode);
    // The port's events are already the API's JSON (ISO timestamps): served without a per-event copy.
    return jsonResponse({ execution, view: 'events', events: page.items, nextCursor: page.nextCursor });
  }
  const limit = query.limit ?? DEFAULT_STEPS_LIMIT;
  const [events, details] = await Promise.all([readWholeHistory(deps.sfn, executionArn), deps.catalog.details(entry)]);
  const steps = foldSteps(events, branchResolverFromAsl(details.asl));
  if (query.reverse) steps.reverse();
  const offset = cursor && 'offset' in cursor ? cursor.offset : 0;
  return jsonResponse({
    execution,
    view: 'steps',
    steps: steps.slice(offset, offset + limit),
    nextCursor: steps.length > offset + limit ? await encode({ offset: offset + limit }) : null,
  });
}

export const streamRoute = defineRoute({
  operationId: 'streamExecutionHistory',
  method: 'get',
  path: '/workflows/{workflow}/executions/{execution}/stream',
  summary:
    'Server-Sent Events: each history event as it happens (id = event id, data = the event), then event "end" with the final status',
  params: { workflow: WORKFLOW_PARAM, execution: EXECUTION_PARAM },
  headers: {
    'Last-Event-ID': parameter<number | undefined>({
      description: 'resume after this history event id (sent by EventSource on reconnect)',
      schema: { type: 'integer', minimum: 0 },
    }),
  },
  responses: {
    200: { description: 'an event stream', contentType: 'text/event-stream', schema: { type: 'string' } },
    400: { description: 'malformed execution name or Last-Event-ID' },
    404: { description: 'no such workflow or execution' },
    409: EXPRESS_CONFLICT,
  },
  async handle({ deps, params, headers, context }) {
    const entry = await requireWorkflow(deps, params.workflow);
    const executionArn = executionArnFor(entry.stateMachineArn, params.execution);
    // Fail with a 404 (or an EXPRESS workflow's 409) before the 200 of the stream is committed.
    await forRecordedExecutions(deps, entry, 'it has no execution history to stream', () =>
      deps.sfn.describeExecution({ executionArn }),
    );
    return streamHistory(context, {
      sfn: deps.sfn,
      executionArn,
      clock: deps.clock,
      afterEventId: headers['Last-Event-ID'] ?? 0,
      pollMs: deps.streamPollMs,
      shutdownSignal: deps.shutdownSignal,
      onError: (error) => deps.logger.error('history stream failed', { executionArn, error }),
    });
  },
});
