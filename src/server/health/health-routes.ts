import { HttpProblem } from '../http/index.ts';
import { jsonResponse, type RouteDefinition } from '../routes/route.ts';
import { describeProbe, probeDeployment } from './deployment-probe.ts';

/**
 * `/health` is a readiness check: it answers 200 only when Step Functions answers at the endpoint and every deployed
 * state machine exists there, so a LocalStack that is down, hung or restarted empty shows up as a 503 with the reason.
 * It costs one DescribeStateMachine per workflow, bounded by a few seconds.
 */
export const healthRoute: RouteDefinition = {
  operationId: 'health',
  method: 'get',
  path: '/health',
  summary: 'readiness: the endpoint answers and every deployed state machine exists there (503 with the reason if not)',
  responses: {
    200: {
      description: 'the endpoint answers and the deployment is there',
      schema: {
        type: 'object',
        required: ['status', 'workflows'],
        properties: {
          status: { const: 'ok' },
          endpoint: { type: 'string' },
          workflows: { type: 'integer' },
          deployed: { type: 'boolean' },
        },
      },
    },
    503: {
      description:
        'nothing deployed, the endpoint is unreachable or hung, or state machines are missing there (`reason`)',
    },
  },
  async handle({ deps }) {
    const endpoint = deps.endpoint ?? 'aws';
    const deployment = await deps.catalog.deployment();
    if (!deployment) {
      throw new HttpProblem(
        503,
        'Service Unavailable',
        'deployment: build/deployment.json not found; run `stepforge deploy`',
        {
          reason: 'not-deployed',
          endpoint,
          deployed: false,
          workflows: 0,
        },
      );
    }
    const workflows = Object.keys(deployment.workflows).length;
    const arns = Object.fromEntries(
      Object.entries(deployment.workflows).map(([name, workflow]) => [name, workflow.stateMachineArn]),
    );
    const probe = await probeDeployment(deps.sfn, arns);
    if (!probe.ok) {
      throw new HttpProblem(503, 'Service Unavailable', `endpoint: ${describeProbe(probe, endpoint)}`, {
        reason: probe.reason,
        endpoint,
        deployed: true,
        workflows,
        ...(probe.reason === 'missing' ? { missing: probe.missing } : {}),
      });
    }
    return jsonResponse({ status: 'ok', endpoint, deployed: true, workflows });
  },
};

/** Liveness only: the process serves HTTP. No upstream call, so a hung endpoint never makes it slow. */
export const liveRoute: RouteDefinition = {
  operationId: 'live',
  method: 'get',
  path: '/health/live',
  summary: 'liveness: the server process answers (no upstream call)',
  responses: {
    200: {
      description: 'the server is up',
      schema: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } },
    },
  },
  async handle() {
    return jsonResponse({ status: 'ok' });
  },
};
