import type { ExecutionListItem, ExecutionStatus } from '@aws-sdk/client-sfn';
import { decodeCursor } from '../http/index.ts';
import { executionArnFor, executionNameOf, fetchPage } from '../sfn/index.ts';
import { parsePayload } from '../history/index.ts';
import { EXPRESS_CONFLICT, forRecordedExecutions } from './express-workflows.ts';
import { requireWorkflow } from './lookup.ts';
import { jsonResponse, type RouteDefinition, type RouteDeps } from './route.ts';
import {
  CURSOR_QUERY,
  EXECUTION_PARAM,
  EXECUTION_STATUSES,
  EXECUTION_SUMMARY_SCHEMA,
  executionLinks,
  isoOrNull,
  LIMIT_QUERY,
  WORKFLOW_PARAM,
} from './schemas.ts';

export const listExecutionsRoute: RouteDefinition = {
  operationId: 'listExecutions',
  method: 'get',
  path: '/workflows/{workflow}/executions',
  summary: "a workflow's executions, newest first",
  params: { workflow: WORKFLOW_PARAM },
  query: {
    status: { description: 'only executions in this status', schema: { type: 'string', enum: EXECUTION_STATUSES } },
    limit: LIMIT_QUERY(50, 'page size'),
    cursor: CURSOR_QUERY,
  },
  responses: {
    200: {
      description: 'one page of executions',
      schema: {
        type: 'object',
        properties: {
          executions: { type: 'array', items: EXECUTION_SUMMARY_SCHEMA },
          nextCursor: { type: ['string', 'null'] },
        },
      },
    },
    400: { description: 'bad status, limit or cursor' },
    404: { description: 'no such workflow deployed' },
    409: EXPRESS_CONFLICT,
  },
  async handle({ deps, params, query }) {
    const entry = await requireWorkflow(deps, params.workflow!);
    const page = await forRecordedExecutions(deps, entry, 'its executions cannot be listed', () =>
      fetchPage<ExecutionListItem>(
        async (request) => {
          const result = await deps.sfn.listExecutions({
            stateMachineArn: entry.stateMachineArn,
            ...(query.status ? { statusFilter: query.status as ExecutionStatus } : {}),
            ...request,
          });
          return { items: result.executions ?? [], ...(result.nextToken ? { nextToken: result.nextToken } : {}) };
        },
        query.limit as number,
        decodeCursor(query.cursor as string | undefined),
      ),
    );
    const newestFirst = [...page.items].sort(
      (left, right) => (right.startDate?.getTime() ?? 0) - (left.startDate?.getTime() ?? 0),
    );
    return jsonResponse({
      executions: newestFirst.map((item) => {
        const name = item.name ?? executionNameOf(item.executionArn ?? '');
        return {
          execution: name,
          executionArn: item.executionArn,
          status: item.status,
          startedAt: isoOrNull(item.startDate),
          stoppedAt: isoOrNull(item.stopDate),
          links: executionLinks(entry.name, name),
        };
      }),
      nextCursor: page.nextCursor,
    });
  },
};

export const describeExecutionRoute: RouteDefinition = {
  operationId: 'describeExecution',
  method: 'get',
  path: '/workflows/{workflow}/executions/{execution}',
  summary: "an execution's status, input, output, error, cause, start and stop times",
  params: { workflow: WORKFLOW_PARAM, execution: EXECUTION_PARAM },
  responses: {
    200: {
      description: 'the execution',
      schema: {
        type: 'object',
        properties: {
          ...EXECUTION_SUMMARY_SCHEMA.properties,
          workflow: { type: 'string' },
          input: {},
          output: {},
          error: { type: ['string', 'null'] },
          cause: { type: ['string', 'null'] },
        },
      },
    },
    400: { description: 'malformed execution name' },
    404: { description: 'no such workflow or execution' },
    409: EXPRESS_CONFLICT,
  },
  async handle({ deps, params }) {
    const entry = await requireWorkflow(deps, params.workflow!);
    const executionArn = executionArnFor(entry.stateMachineArn, params.execution!);
    const found = await forRecordedExecutions(deps, entry, 'an execution cannot be described', () =>
      deps.sfn.describeExecution({ executionArn }),
    );
    const name = found.name ?? executionNameOf(executionArn);
    return jsonResponse({
      execution: name,
      executionArn,
      workflow: entry.name,
      status: found.status,
      input: parsePayload(found.input),
      output: parsePayload(found.output),
      error: found.error ?? null,
      cause: found.cause ?? null,
      startedAt: isoOrNull(found.startDate),
      stoppedAt: isoOrNull(found.stopDate),
      links: executionLinks(entry.name, name),
    });
  },
};

export const stopExecutionRoute: RouteDefinition = {
  operationId: 'stopExecution',
  method: 'post',
  path: '/workflows/{workflow}/executions/{execution}/stop',
  summary: 'stop a running execution',
  mutating: true,
  params: { workflow: WORKFLOW_PARAM, execution: EXECUTION_PARAM },
  body: {
    description: 'optional error code and cause recorded on the aborted execution',
    required: false,
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { error: { type: 'string', maxLength: 256 }, cause: { type: 'string', maxLength: 32768 } },
    },
  },
  responses: {
    200: {
      description: 'stopped (or already finished: the status says which)',
      schema: { type: 'object', properties: EXECUTION_SUMMARY_SCHEMA.properties },
    },
    400: { description: 'malformed execution name or body' },
    401: { description: 'STEPFORGE_API_TOKEN is set and no bearer token was sent' },
    403: { description: 'wrong bearer token' },
    404: { description: 'no such workflow or execution' },
    409: EXPRESS_CONFLICT,
    413: { description: 'body too large' },
  },
  async handle({ deps, params, body }) {
    const entry = await requireWorkflow(deps, params.workflow!);
    const executionArn = executionArnFor(entry.stateMachineArn, params.execution!);
    const reason = (body ?? {}) as { error?: string; cause?: string };
    const before = await forRecordedExecutions(deps, entry, 'an execution cannot be stopped through the API', () =>
      deps.sfn.describeExecution({ executionArn }),
    );
    if (before.status === 'RUNNING') {
      await deps.sfn.stopExecution({ executionArn, ...reason });
      deps.logger.info('execution stopped', { workflow: entry.name, executionArn });
    }
    const after = before.status === 'RUNNING' ? await describeOnceStopped(deps, executionArn) : before;
    const name = after.name ?? executionNameOf(executionArn);
    return jsonResponse({
      execution: name,
      executionArn,
      status: after.status,
      startedAt: isoOrNull(after.startDate),
      stoppedAt: isoOrNull(after.stopDate),
      links: executionLinks(entry.name, name),
    });
  },
};

/**
 * StopExecution returns before every endpoint shows the new status (LocalStack applies it asynchronously), so the
 * route waits a bounded moment for the execution to leave RUNNING rather than answer with a status it just changed.
 */
async function describeOnceStopped(deps: RouteDeps, executionArn: string) {
  let described = await deps.sfn.describeExecution({ executionArn });
  for (let attempt = 0; described.status === 'RUNNING' && attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50 + attempt * 25));
    described = await deps.sfn.describeExecution({ executionArn });
  }
  return described;
}
