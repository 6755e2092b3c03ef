import { openApiDocument } from '../openapi/index.ts';
import { jsonResponse, type RouteDefinition } from './route.ts';

export const openApiRoute: RouteDefinition = {
  operationId: 'openApi',
  method: 'get',
  path: '/openapi.json',
  summary: 'this document: OpenAPI 3.1, generated from the route table',
  responses: { 200: { description: 'the OpenAPI document', schema: { type: 'object' } } },
  async handle({ deps }) {
    const names = Object.keys((await deps.catalog.deployment())?.workflows ?? {}).sort();
    const schemas = Object.fromEntries(
      await Promise.all(
        names.map(
          async (name) =>
            [name, (await deps.catalog.details((await deps.catalog.workflow(name))!)).inputSchema] as const,
        ),
      ),
    );
    return jsonResponse(openApiDocument(deps.routes(), schemas, '0.1.0'));
  },
};
