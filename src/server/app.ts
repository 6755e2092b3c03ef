import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { consoleRoutes } from '../console/index.ts';
import { createWorkflowCatalog } from './catalog/index.ts';
import {
  createCursorCodec,
  HttpProblem,
  limitBody,
  limitHeaders,
  problemResponse,
  refuseOtherMethods,
  requireBearer,
  sameOriginOnly,
} from './http/index.ts';
import { type AppOptions, DEFAULT_MAX_BODY_BYTES, systemClock } from './options.ts';
import { createStartsInFlight, readRequest, ROUTES, type RouteDefinition, type RouteDeps } from './routes/index.ts';
import {
  DEFAULT_DEADLINES,
  DeadlineExceeded,
  deadlineProblem,
  problemFromSfnError,
  withDeadlines,
  workflowTypes,
} from './sfn/index.ts';

/** `/workflows/{workflow}` -> `/workflows/:workflow` */
function honoPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ':$1');
}

const DEFAULT_STOP_SETTLE_MS = 5000;

/** What the app's middleware leaves on the context: the request id (`X-Request-Id`), also in every log line of the request. */
export type AppEnv = { Variables: { requestId: string } };

/**
 * The stepforge HTTP API as a Hono app: Web-standard APIs only, every dependency injected, so the same app runs
 * under the Node, Bun and Deno adapters and in tests through `app.request()`.
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const clock = options.clock ?? systemClock;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const deadlines = { ...DEFAULT_DEADLINES, ...options.upstreamTimeoutMs };
  const shared: RouteDeps = {
    sfn: withDeadlines(options.sfn, deadlines),
    // Not bound to one request: the cached lookup serves every request after it.
    workflowType: workflowTypes(withDeadlines(options.sfn, deadlines), () => clock.now()),
    catalog: createWorkflowCatalog({ reader: options.build, now: () => clock.now() }),
    clock,
    logger: options.logger,
    endpoint: options.endpoint,
    streamPollMs: options.streamPollMs ?? { initial: 250, max: 2000 },
    shutdownSignal: options.shutdownSignal,
    cursors: createCursorCodec(options.cursorSecret),
    startsInFlight: createStartsInFlight(),
    stopSettleMs: options.stopSettleMs ?? DEFAULT_STOP_SETTLE_MS,
    routes: () => ROUTES,
  };
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(async (c, next) => {
    const begin = clock.now();
    await next();
    // Hono's request-id middleware sets the header through the context, which responses the routes build themselves
    // (and the error handler's) do not carry.
    if (!c.res.headers.has('x-request-id')) c.res.headers.set('x-request-id', c.get('requestId'));
    options.logger.debug('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: clock.now() - begin,
    });
  });
  app.use(limitHeaders());
  app.use(refuseOtherMethods(app));

  for (const route of ROUTES) {
    const method = route.method.toUpperCase();
    const path = honoPath(route.path);
    for (const guard of guards(route, options, maxBodyBytes)) app.on(method, path, guard);
    app.on(method, path, async (c) => {
      // Each request's Step Functions calls have deadlines and end when the client goes away.
      const deps: RouteDeps = { ...shared, sfn: withDeadlines(options.sfn, deadlines, c.req.raw.signal) };
      const read = await readRequest(route, c.req.raw, c.req.param(), maxBodyBytes);
      return route.handle({ ...read, request: c.req.raw, context: c, deps });
    });
  }

  app.route(
    '/',
    consoleRoutes<AppEnv>({
      definition: async (name) => {
        const entry = await shared.catalog.workflow(name);
        return entry && (await shared.catalog.details(entry)).asl;
      },
    }),
  );

  app.notFound((c) =>
    problemResponse(new HttpProblem(404, 'Not Found', `path: no route ${c.req.method} ${c.req.path}`), c.req.path),
  );
  app.onError((error, c) =>
    errorResponse(error, c.req.path, (status, detail) => {
      const fields = { requestId: c.get('requestId'), method: c.req.method, path: c.req.path };
      // A client that went away aborted the route's calls: nothing failed that anyone waits to hear about.
      if (c.req.raw.signal.aborted) options.logger.debug('client went away', fields);
      else if (status === 500) options.logger.error('request failed', { ...fields, error });
      else options.logger.warn('request failed upstream', { ...fields, detail });
    }),
  );
  return app;
}

/** Any error a route throws as its problem+json response; `log` hears of the server-side ones. */
function errorResponse(error: unknown, path: string, log: (status: number, detail: string) => void): Response {
  if (error instanceof HTTPException) return error.getResponse();
  const problem =
    error instanceof HttpProblem
      ? error
      : error instanceof DeadlineExceeded
        ? deadlineProblem(error)
        : problemFromSfnError(error);
  const answer =
    problem ?? new HttpProblem(500, 'Internal Server Error', 'server: an unexpected error (see the server log)');
  if (!problem || answer.status >= 500) log(answer.status, answer.detail);
  return problemResponse(answer, path);
}

/** Hono middleware in front of a route: same origin and bearer token on mutating routes, the body limit where a body is read. */
function guards(route: RouteDefinition, options: AppOptions, maxBodyBytes: number): MiddlewareHandler[] {
  const chain: MiddlewareHandler[] = [];
  if (route.mutating) {
    chain.push(sameOriginOnly(options.allowedOrigins));
    if (options.apiToken) chain.push(requireBearer(options.apiToken));
  }
  if (route.body) chain.push(limitBody(maxBodyBytes));
  return chain;
}
