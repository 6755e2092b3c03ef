import { requireWorkflow } from './lookup.ts';
import { defineRoute, jsonResponse, type RouteDefinition } from './route.ts';
import { WORKFLOW_PARAM } from './schemas.ts';

const WORKFLOW_SUMMARY = {
  type: 'object',
  required: ['name', 'stateMachineArn', 'inputSchema'],
  properties: {
    name: { type: 'string' },
    stateMachineArn: { type: 'string' },
    inputSchema: { type: ['object', 'boolean'] },
    links: { type: 'object' },
  },
} as const;

export const listWorkflowsRoute: RouteDefinition = {
  operationId: 'listWorkflows',
  method: 'get',
  path: '/workflows',
  summary: 'the deployed workflows: name, state machine ARN and input schema',
  responses: {
    200: {
      description: 'every workflow in build/deployment.json, by name',
      schema: { type: 'object', properties: { workflows: { type: 'array', items: WORKFLOW_SUMMARY } } },
    },
  },
  async handle({ deps }) {
    const names = Object.keys((await deps.catalog.deployment())?.workflows ?? {}).sort();
    const workflows = await Promise.all(
      names.map(async (name) => {
        const details = await deps.catalog.details((await deps.catalog.workflow(name))!);
        return {
          name,
          stateMachineArn: details.stateMachineArn,
          inputSchema: details.inputSchema,
          links: { self: `/workflows/${name}`, executions: `/workflows/${name}/executions` },
        };
      }),
    );
    return jsonResponse({ workflows });
  },
};

export const getWorkflowRoute = defineRoute({
  operationId: 'getWorkflow',
  method: 'get',
  path: '/workflows/{workflow}',
  summary: "a workflow's ASL, input schema and Mermaid diagram",
  params: { workflow: WORKFLOW_PARAM },
  responses: {
    200: {
      description: 'the workflow',
      schema: {
        type: 'object',
        properties: {
          ...WORKFLOW_SUMMARY.properties,
          type: {
            enum: ['STANDARD', 'EXPRESS', null],
            description:
              'from DescribeStateMachine (cached a minute): EXPRESS executions leave no record to list or follow; null when Step Functions did not answer (the rest comes from the build and is served anyway)',
          },
          asl: { type: ['object', 'null'] },
          diagram: { type: ['string', 'null'], description: 'Mermaid source' },
        },
      },
    },
    400: { description: 'malformed workflow name' },
    404: { description: 'no such workflow deployed' },
  },
  async handle({ deps, params }) {
    const details = await deps.catalog.details(await requireWorkflow(deps, params.workflow));
    return jsonResponse({
      name: details.name,
      stateMachineArn: details.stateMachineArn,
      inputSchema: details.inputSchema,
      // The build's files answer without Step Functions; an endpoint that is down costs only the type.
      type: await deps.workflowType(details.stateMachineArn).catch(() => null),
      asl: details.asl,
      diagram: details.diagram,
      links: { executions: `/workflows/${details.name}/executions` },
    });
  },
});
