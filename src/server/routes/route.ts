import type { Logger } from '../../aws/index.ts';
import type { WorkflowCatalog } from '../catalog/index.ts';
import type { Clock } from '../options.ts';
import type { SfnPort, WorkflowType } from '../sfn/index.ts';
import type { JsonSchema } from '../validation/index.ts';

/** What every handler can reach: injected once by `createApp`. */
export interface RouteDeps {
  readonly sfn: SfnPort;
  /** STANDARD or EXPRESS, from Step Functions (cached): EXPRESS executions can be started but not looked up. */
  readonly workflowType: (stateMachineArn: string) => Promise<WorkflowType>;
  readonly catalog: WorkflowCatalog;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly endpoint: string | undefined;
  readonly streamPollMs: { readonly initial: number; readonly max: number };
  readonly shutdownSignal: AbortSignal | undefined;
  /** The route table itself, for the OpenAPI document. */
  readonly routes: () => readonly RouteDefinition[];
}

/** A request after the table's validators ran: params, query (coerced to the schema's types), headers and body. */
export interface RouteInput {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
  readonly request: Request;
  readonly deps: RouteDeps;
}

export interface ResponseSpec {
  readonly description: string;
  /** Absent for problem responses: they all share the Problem schema. */
  readonly schema?: JsonSchema;
  readonly contentType?: string;
}

export interface ParameterSpec {
  readonly schema: JsonSchema;
  readonly description: string;
  readonly required?: boolean;
}

/**
 * One row of the route table: the single source for request validation and for `/openapi.json`.
 * Paths use OpenAPI's `{name}` templates.
 */
export interface RouteDefinition {
  readonly operationId: string;
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly summary: string;
  /** Needs the bearer token when `STEPFORGE_API_TOKEN` is set. */
  readonly mutating?: boolean;
  readonly params?: Readonly<Record<string, ParameterSpec>>;
  readonly query?: Readonly<Record<string, ParameterSpec>>;
  readonly headers?: Readonly<Record<string, ParameterSpec>>;
  /** A JSON body; `schema` is checked before the handler runs (the execution input is checked per workflow). */
  readonly body?: { readonly description: string; readonly schema: JsonSchema; readonly required: boolean };
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  readonly handle: (input: RouteInput) => Promise<Response>;
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
