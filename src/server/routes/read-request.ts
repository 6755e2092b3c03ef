import { bodyTooLarge, HttpProblem, parseJsonBody } from '../http/index.ts';
import { type JsonSchema, validateJsonSchema } from '../validation/index.ts';
import type { ParameterSpec, RouteDefinition } from './route.ts';

type Location = 'path parameter' | 'query parameter' | 'header';

function schemaType(schema: JsonSchema): string | undefined {
  return typeof schema === 'object' && typeof schema.type === 'string' ? schema.type : undefined;
}

/** Query strings and headers are text; the schema says what they mean. */
function coerce(raw: string, schema: JsonSchema): unknown {
  switch (schemaType(schema)) {
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    case 'boolean':
      return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
    default:
      return raw;
  }
}

function readParameters(
  specs: Readonly<Record<string, ParameterSpec>> | undefined,
  read: (name: string) => string | undefined,
  where: Location,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs ?? {})) {
    const raw = read(name);
    if (raw === undefined || raw === '') {
      if (spec.required || where === 'path parameter') {
        throw new HttpProblem(400, 'Bad Request', `${name} ${where}: is required`);
      }
      const fallback = typeof spec.schema === 'object' ? spec.schema.default : undefined;
      if (fallback !== undefined) values[name] = fallback;
      continue;
    }
    const value = coerce(raw, spec.schema);
    const issue = validateJsonSchema(spec.schema, value)[0];
    if (issue) throw new HttpProblem(400, 'Bad Request', `${name} ${where}: ${issue.message}`);
    values[name] = value;
  }
  return values;
}

async function readBody(route: RouteDefinition, request: Request, maxBytes: number): Promise<unknown> {
  if (!route.body) return undefined;
  // Hono's body limit has counted the bytes as they streamed; this guards a request that reached here another way.
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw bodyTooLarge(maxBytes);
  const body = parseJsonBody(bytes, request.headers.get('content-type'));
  if (body === undefined) {
    if (route.body.required) throw new HttpProblem(400, 'Bad Request', 'body: a JSON body is required');
    return undefined;
  }
  const issue = validateJsonSchema(route.body.schema, body, route.body.schema, 'body')[0];
  if (issue) throw new HttpProblem(400, 'Bad Request', `${issue.path}: ${issue.message}`);
  return body;
}

/** The validated parts of a request; the route's own types are applied where the handler is called. */
export interface ReadRequest {
  readonly params: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly headers: Record<string, unknown>;
  readonly body: unknown;
}

/** Applies the route table's schemas to a request: a 400 (or 413) naming the first field at fault. */
export async function readRequest(
  route: RouteDefinition,
  request: Request,
  pathParams: Record<string, string>,
  maxBodyBytes: number,
): Promise<ReadRequest> {
  const url = new URL(request.url);
  const params = readParameters(route.params, (name) => pathParams[name], 'path parameter');
  const query = readParameters(route.query, (name) => url.searchParams.get(name) ?? undefined, 'query parameter');
  const headers = readParameters(route.headers, (name) => request.headers.get(name) ?? undefined, 'header');
  const body = await readBody(route, request, maxBodyBytes);
  return { params, query, headers, body };
}
