import { PROBLEM_CONTENT_TYPE, PROBLEM_SCHEMA } from '../http/index.ts';
import type { ParameterSpec, RouteDefinition } from '../routes/route.ts';
import type { JsonSchema } from '../validation/index.ts';

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'a body sent as anything but application/json',
  502: 'Step Functions failed',
  504: "Step Functions did not answer within the server's deadline (10 s for reads, 15 s to start or stop, configurable)",
};

const problemContent = () => ({ [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } });

function parameters(where: 'path' | 'query' | 'header', specs: Readonly<Record<string, ParameterSpec>> | undefined) {
  return Object.entries(specs ?? {}).map(([name, spec]) => ({
    name,
    in: where,
    required: where === 'path' || spec.required === true,
    description: spec.description,
    schema: spec.schema,
  }));
}

function operation(route: RouteDefinition) {
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    const isProblem = Number(status) >= 400;
    responses[status] = {
      description: spec.description,
      content: isProblem
        ? problemContent()
        : { [spec.contentType ?? 'application/json']: { schema: spec.schema ?? {} } },
    };
  }
  // Every route may meet these; the route's own text, where it has one, says more.
  const shared = route.body ? [415, 502, 504] : [502, 504];
  for (const status of shared)
    responses[String(status)] ??= { description: STATUS_TEXT[status], content: problemContent() };
  return {
    operationId: route.operationId,
    summary: route.summary,
    parameters: [
      ...parameters('path', route.params),
      ...parameters('query', route.query),
      ...parameters('header', route.headers),
    ],
    ...(route.body
      ? {
          requestBody: {
            description: route.body.description,
            required: route.body.required,
            content: { 'application/json': { schema: route.body.schema } },
          },
        }
      : {}),
    responses,
    ...(route.mutating ? { security: [{ bearer: [] }, {}] } : {}),
  };
}

/**
 * The OpenAPI 3.1 document, built from the same route table whose schemas validate requests. Each deployed
 * workflow's input schema is added under components so clients can see what a POST expects per workflow.
 */
export function openApiDocument(
  routes: readonly RouteDefinition[],
  inputSchemas: Readonly<Record<string, JsonSchema>>,
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    paths[route.path]![route.method] = operation(route);
  }
  const workflowSchemas = Object.fromEntries(
    Object.entries(inputSchemas).map(([name, schema]) => [`${name}.input`, schema]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'stepforge',
      version,
      description:
        'Start AWS Step Functions executions of the deployed workflows and follow their step history. Every error is application/problem+json: besides the statuses listed per operation, a wrong method on a known path is 405 with Allow, and headers over 16 KiB are 431.',
    },
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA, ...workflowSchemas },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'required on mutating routes when STEPFORGE_API_TOKEN is set',
        },
      },
    },
  };
}
