import { decodeCursor, encodeCursor, HttpProblem } from '../http/index.ts';
import { branchResolverFromAsl, foldSteps, historySource, readWholeHistory } from '../history/index.ts';
import { executionArnFor, fetchPage } from '../sfn/index.ts';
import { followHistory, sseResponse } from '../stream/index.ts';
import { EXPRESS_CONFLICT, forRecordedExecutions } from './express-workflows.ts';
import { requireWorkflow } from './lookup.ts';
import type { WorkflowEntry } from '../catalog/index.ts';
import { jsonResponse, type RouteDefinition, type RouteDeps, type RouteInput } from './route.ts';
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

export const historyRoute: RouteDefinition = {
  operationId: 'getExecutionHistory',
  method: 'get',
  path: '/workflows/{workflow}/executions/{execution}/history',
  summary: 'the step history (one row per state entered) or the raw Step Functions events, paginated',
  params: { workflow: WORKFLOW_PARAM, execution: EXECUTION_PARAM },
  query: {
    view: { description: 'steps (default) or events', schema: { type: 'string', enum: ['steps', 'events'], default: 'steps' } },
    reverse: { description: 'newest first', schema: { type: 'boolean', default: false } },
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
  handle: async ({ deps, params, query }) => {
    const entry = await requireWorkflow(deps, params.workflow!);
    return forRecordedExecutions(deps, entry, 'it has no execution history to read', () => readHistory(deps, entry, params, query));
  },
};

async function readHistory(
  deps: RouteDeps,
  entry: WorkflowEntry,
  params: RouteInput['params'],
  query: RouteInput['query'],
): Promise<Response> {
  const executionArn = executionArnFor(entry.stateMachineArn, params.execution!);
  const reverse = query.reverse === true;
  const cursor = decodeCursor(query.cursor as string | undefined);
  if (query.view === 'events') {
    const limit = (query.limit as number | undefined) ?? DEFAULT_EVENTS_LIMIT;
    const page = await fetchPage(historySource(deps.sfn, executionArn, reverse), limit, cursor);
    // The port's events are already the API's JSON (ISO timestamps): served without a per-event copy.
    return jsonResponse({ execution: params.execution, view: 'events', events: page.items, nextCursor: page.nextCursor });
  }
  if (cursor && 'token' in cursor) throw new HttpProblem(400, 'Bad Request', 'cursor: this cursor belongs to view=events');
  const limit = (query.limit as number | undefined) ?? DEFAULT_STEPS_LIMIT;
  const [events, details] = await Promise.all([readWholeHistory(deps.sfn, executionArn), deps.catalog.details(entry)]);
  const steps = foldSteps(events, branchResolverFromAsl(details.asl));
  if (reverse) steps.reverse();
  const offset = cursor?.offset ?? 0;
  return jsonResponse({
    execution: params.execution,
    view: 'steps',
    steps: steps.slice(offset, offset + limit),
    nextCursor: steps.length > offset + limit ? encodeCursor({ offset: offset + limit }) : null,
  });
}

export const streamRoute: RouteDefinition = {
  operationId: 'streamExecutionHistory',
  method: 'get',
  path: '/workflows/{workflow}/executions/{execution}/stream',
  summary:
    'Server-Sent Events: each history event as it happens (id = event id, data = the event), then event "end" with the final status',
  params: { workflow: WORKFLOW_PARAM, execution: EXECUTION_PARAM },
  headers: {
    'Last-Event-ID': {
      description: 'resume after this history event id (sent by EventSource on reconnect)',
      schema: { type: 'integer', minimum: 0 },
    },
  },
  responses: {
    200: { description: 'an event stream', contentType: 'text/event-stream', schema: { type: 'string' } },
    400: { description: 'malformed execution name or Last-Event-ID' },
    404: { description: 'no such workflow or execution' },
    409: EXPRESS_CONFLICT,
  },
  async handle({ deps, params, headers, request }) {
    const entry = await requireWorkflow(deps, params.workflow!);
    const executionArn = executionArnFor(entry.stateMachineArn, params.execution!);
    // Fail with a 404 (or an EXPRESS workflow's 409) before the 200 of the stream is committed.
    await forRecordedExecutions(deps, entry, 'it has no execution history to stream', () => deps.sfn.describeExecution({ executionArn }));
    const afterEventId = Number(headers['Last-Event-ID'] ?? 0);
    const aborter = new AbortController();
    for (const signal of [request.signal, deps.shutdownSignal]) signal?.addEventListener('abort', () => aborter.abort(), { once: true });
    return sseResponse(async (write) => {
      for await (const item of followHistory({
        sfn: deps.sfn,
        executionArn,
        clock: deps.clock,
        afterEventId,
        pollMs: deps.streamPollMs,
        signal: aborter.signal,
      })) {
        if (item.kind === 'event') await write({ id: String(item.event.id), data: JSON.stringify(item.event) });
        else if (item.kind === 'end') await write({ event: 'end', data: JSON.stringify({ status: item.status }) });
        else await write({ comment: 'waiting' });
      }
    }, aborter, (error) => deps.logger.error('history stream failed', { executionArn, error }));
  },
};
