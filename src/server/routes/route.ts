import type { Context } from 'hono';
import type { Logger } from '../../aws/index.ts';
import type { WorkflowCatalog } from '../catalog/index.ts';
import type { CursorCodec } from '../http/index.ts';
import type { Clock } from '../options.ts';
import type { SfnPort, WorkflowType } from '../sfn/index.ts';
import type { JsonSchema } from '../validation/index.ts';
import type { StartsInFlight } from './starts-in-flight.ts';

/** What every handler can reach: injected by `createApp`; `sfn` is bound to the request (its deadlines, its signal). */
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
  readonly cursors: CursorCodec;
  /** Keyed starts under way in this process: concurrent POSTs with one Idempotency-Key share one. */
  readonly startsInFlight: StartsInFlight;
  /** How long a stop waits for the execution to show ABORTED before answering 409 with the state it is in. */
  readonly stopSettleMs: number;
  /** The route table itself, for the OpenAPI document. */
  readonly routes: () => readonly RouteDefinition[];
}

export interface ParameterSpec<T = unknown> {
  readonly schema: JsonSchema;
  readonly description: string;
  readonly required?: boolean;
  /** Type only, never set: the value a handler receives once the schema accepted it. */
  readonly valueType?: T;
}

/** A parameter spec that tells the handler's types what a validated value is. */
export function parameter<T>(spec: Omit<ParameterSpec<T>, 'valueType'>): ParameterSpec<T> {
  return spec;
}

export type ParameterSpecs = Readonly<Record<string, ParameterSpec>>;

/** The validated values of a group of parameters, typed from their specs. */
export type ParameterValues<S extends ParameterSpecs> = {
  readonly [K in keyof S]: S[K] extends ParameterSpec<infer T> ? T : never;
};

export interface BodySpec<B> {
  readonly description: string;
  readonly schema: JsonSchema;
  readonly required: boolean;
  /** Type only, never set: the body a handler receives once the schema accepted it. */
  readonly valueType?: B;
}

/** A body spec that tells the handler's types what a validated body is. */
export function jsonBody<B>(spec: Omit<BodySpec<B>, 'valueType'>): BodySpec<B> {
  return spec;
}

/** A request after the table's validators ran: params, query (coerced to the schema's types), headers and body. */
export interface RouteInput<P extends ParameterSpecs, Q extends ParameterSpecs, H extends ParameterSpecs, B> {
  readonly params: ParameterValues<P>;
  readonly query: ParameterValues<Q>;
  readonly headers: ParameterValues<H>;
  readonly body: B;
  readonly request: Request;
  /** The Hono context, for Hono's response helpers (streamSSE). */
  readonly context: Context;
  readonly deps: RouteDeps;
}

export interface ResponseSpec {
  readonly description: string;
  /** Absent for problem responses: they all share the Problem schema. */
  readonly schema?: JsonSchema;
  readonly contentType?: string;
}

/**
 * One row of the route table: the single source for request validation and for `/openapi.json`.
 * Paths use OpenAPI's `{name}` templates.
 */
export interface RouteDefinition<
  P extends ParameterSpecs = ParameterSpecs,
  Q extends ParameterSpecs = ParameterSpecs,
  H extends ParameterSpecs = ParameterSpecs,
  B = unknown,
> {
  readonly operationId: string;
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly summary: string;
  /** Needs the bearer token when `STEPFORGE_API_TOKEN` is set, and a request from this server's own origin. */
  readonly mutating?: boolean;
  readonly params?: P;
  readonly query?: Q;
  readonly headers?: H;
  /** A JSON body; `schema` is checked before the handler runs (the execution input is checked per workflow). */
  readonly body?: BodySpec<B>;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  // A method, not a function property: a row with its own parameter types still fits the table's element type.
  handle(input: RouteInput<P, Q, H, B>): Promise<Response>;
}

/** A row of the route table, with the handler's types inferred from its specs. */
export function defineRoute<
  P extends ParameterSpecs = Record<never, never>,
  Q extends ParameterSpecs = Record<never, never>,
  H extends ParameterSpecs = Record<never, never>,
  B = undefined,
>(route: RouteDefinition<P, Q, H, B>): RouteDefinition {
  // The table's readRequest checks each value against these same specs before the handler sees it.
  return route as RouteDefinition;
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
