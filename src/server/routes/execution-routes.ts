import type { ExecutionListItem, ExecutionStatus } from '@aws-sdk/client-sfn';
import { executionArnFor, executionNameOf, fetchPage } from '../sfn/index.ts';
import { parsePayload } from '../history/index.ts';
import { EXPRESS_CONFLICT, forRecordedExecutions } from './express-workflows.ts';
import { requireWorkflow } from './lookup.ts';
import { defineRoute, jsonResponse, parameter } from './route.ts';
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

export const listExecutionsRoute = defineRoute({
  operationId: 'listExecutions',
  method: 'get',
  path: '/workflows/{workflow}/executions',
  summary: "a workflow's executions, newest first",
  params: { workflow: WORKFLOW_PARAM },
  query: {
    status: parameter<ExecutionStatus | undefined>({
      description: 'only executions in this status',
      schema: { type: 'string', enum: EXECUTION_STATUSES },
    }),
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
    const entry = await requireWorkflow(deps, params.workflow);
    const scope = `executions:${entry.stateMachineArn}:${query.status ?? ''}`;
    const cursor = await deps.cursors.decode(query.cursor, scope);
    const page = await forRecordedExecutions(deps, entry, 'its executions cannot be listed', () =>
      fetchPage<ExecutionListItem>(
        async (request) => {
          const result = await deps.sfn.listExecutions({
            stateMachineArn: entry.stateMachineArn,
            ...(query.status ? { statusFilter: query.status } : {}),
            ...request,
          });
          return { items: result.executions ?? [], ...(result.nextToken ? { nextToken: result.nextToken } : {}) };
        },
        query.limit,
        cursor,
        (next) => deps.cursors.encode(next, scope),
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
});

export const describeExecutionRoute = defineRoute({
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
    const entry = await requireWorkflow(deps, params.workflow);
    const executionArn = executionArnFor(entry.stateMachineArn, params.execution);
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
});
