import { Hono } from 'hono';
import { createWorkflowCatalog } from './catalog/index.ts';
import { HttpProblem, problemResponse, requireBearer } from './http/index.ts';
import { type AppOptions, DEFAULT_MAX_BODY_BYTES, systemClock } from './options.ts';
import { readRequest, ROUTES, type RouteDeps } from './routes/index.ts';
import { problemFromSfnError, workflowTypes } from './sfn/index.ts';

/** `/workflows/{workflow}` -> `/workflows/:workflow` */
function honoPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ':$1');
}

/**
 * The stepforge HTTP API as a Hono app: Web-standard APIs only, every dependency injected, so the same app runs
 * under the Node, Bun and Deno adapters and in tests through `app.request()`.
 */
export function createApp(options: AppOptions): Hono {
  const clock = options.clock ?? systemClock;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const deps: RouteDeps = {
    sfn: options.sfn,
    workflowType: workflowTypes(options.sfn, () => clock.now()),
    catalog: createWorkflowCatalog({ reader: options.build, now: () => clock.now() }),
    clock,
    logger: options.logger,
    endpoint: options.endpoint,
    streamPollMs: options.streamPollMs ?? { initial: 250, max: 2000 },
    shutdownSignal: options.shutdownSignal,
    routes: () => ROUTES,
  };
  const app = new Hono();
  app.use(async (c, next) => {
    const begin = clock.now();
    await next();
    options.logger.debug('request', { method: c.req.method, path: c.req.path, status: c.res.status, durationMs: clock.now() - begin });
  });

  for (const route of ROUTES) {
    app.on(route.method.toUpperCase(), honoPath(route.path), async (c) => {
      if (route.mutating) requireBearer(options.apiToken, c.req.header('authorization'));
      const read = await readRequest(route, c.req.raw, c.req.param() as Record<string, string>, maxBodyBytes);
      return route.handle({ ...read, request: c.req.raw, deps });
    });
  }

  app.notFound((c) =>
    problemResponse(new HttpProblem(404, 'Not Found', `path: no route ${c.req.method} ${c.req.path}`), c.req.path),
  );
  app.onError((error, c) => {
    const problem = error instanceof HttpProblem ? error : problemFromSfnError(error);
    if (problem) {
      if (problem.status >= 500) options.logger.warn('request failed upstream', { path: c.req.path, detail: problem.detail });
      return problemResponse(problem, c.req.path);
    }
    options.logger.error('request failed', { method: c.req.method, path: c.req.path, error });
    return problemResponse(new HttpProblem(500, 'Internal Server Error', 'server: an unexpected error (see the server log)'), c.req.path);
  });
  return app;
}
