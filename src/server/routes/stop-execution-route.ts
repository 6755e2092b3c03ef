import type { DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { HttpProblem } from '../http/index.ts';
import { executionArnFor, executionNameOf } from '../sfn/index.ts';
import { EXPRESS_CONFLICT, forRecordedExecutions } from './express-workflows.ts';
import { requireWorkflow } from './lookup.ts';
import { defineRoute, jsonBody, jsonResponse, type RouteDeps } from './route.ts';
import { EXECUTION_PARAM, EXECUTION_SUMMARY_SCHEMA, executionLinks, isoOrNull, WORKFLOW_PARAM } from './schemas.ts';

interface StopReason {
  readonly error?: string;
  readonly cause?: string;
}

/**
 * StopExecution returns before every endpoint shows the new status (LocalStack applies it asynchronously, and does
 * not abort an execution waiting for an activity task at all), so the route reads the status back until it leaves
 * RUNNING or `settleMs` has passed.
 */
async function describeOnceSettled(deps: RouteDeps, executionArn: string): Promise<DescribeExecutionCommandOutput> {
  const deadline = deps.clock.now() + deps.stopSettleMs;
  let described = await deps.sfn.describeExecution({ executionArn });
  for (
    let delay = 50;
    described.status === 'RUNNING' && deps.clock.now() < deadline;
    delay = Math.min(delay * 2, 500)
  ) {
    await deps.clock.sleep(Math.min(delay, Math.max(0, deadline - deps.clock.now())));
    described = await deps.sfn.describeExecution({ executionArn });
  }
  return described;
}

function notStopped(executionArn: string, described: DescribeExecutionCommandOutput, why: string): HttpProblem {
  return new HttpProblem(409, 'Conflict', `execution: ${why}`, {
    execution: described.name ?? executionNameOf(executionArn),
    executionArn,
    // Not `status`: in a problem that is the HTTP status.
    executionStatus: described.status,
    stoppedAt: isoOrNull(described.stopDate),
  });
}

export const stopExecutionRoute = defineRoute({
  operationId: 'stopExecution',
  method: 'post',
  path: '/workflows/{workflow}/executions/{execution}/stop',
  summary:
    'stop a running execution; answers what happened: 200 once it is ABORTED, 409 with the state it is in otherwise',
  mutating: true,
  params: { workflow: WORKFLOW_PARAM, execution: EXECUTION_PARAM },
  body: jsonBody<StopReason | undefined>({
    description: 'optional error code and cause recorded on the aborted execution',
    required: false,
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { error: { type: 'string', maxLength: 256 }, cause: { type: 'string', maxLength: 32768 } },
    },
  }),
  responses: {
    200: {
      description: 'stopped: the execution is ABORTED',
      schema: { type: 'object', properties: EXECUTION_SUMMARY_SCHEMA.properties },
    },
    400: { description: 'malformed execution name or body' },
    401: { description: 'STEPFORGE_API_TOKEN is set and no bearer token was sent' },
    403: { description: 'wrong bearer token, or a request from another origin' },
    404: { description: 'no such workflow or execution' },
    409: {
      description: `the execution had already ended (status says how), or it is still RUNNING after the stop was accepted and the server's wait for ABORTED ran out; or: ${EXPRESS_CONFLICT.description}`,
    },
    413: { description: 'body too large' },
  },
  async handle({ deps, params, body }) {
    const entry = await requireWorkflow(deps, params.workflow);
    const executionArn = executionArnFor(entry.stateMachineArn, params.execution);
    const before = await forRecordedExecutions(deps, entry, 'an execution cannot be stopped through the API', () =>
      deps.sfn.describeExecution({ executionArn }),
    );
    if (before.status !== 'RUNNING') {
      throw notStopped(executionArn, before, `it had already ended (${before.status}); nothing was stopped`);
    }
    await deps.sfn.stopExecution({ executionArn, ...body });
    const after = await describeOnceSettled(deps, executionArn);
    deps.logger.info('execution stop requested', { workflow: entry.name, executionArn, status: after.status });
    if (after.status === 'RUNNING') {
      throw notStopped(
        executionArn,
        after,
        `Step Functions accepted the stop, but the execution is still RUNNING after ${deps.stopSettleMs} ms; read it again later`,
      );
    }
    if (after.status !== 'ABORTED')
      throw notStopped(executionArn, after, `it ended (${after.status}) before the stop took effect`);
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
});
