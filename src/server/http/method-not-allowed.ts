import type { Env, Hono, MiddlewareHandler } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { HttpProblem, problemResponse } from './problem.ts';

/** Hono's method-not-allowed: 405 with `Allow` for a known path, as a problem naming the methods. */
export function refuseOtherMethods<E extends Env>(app: Hono<E>): MiddlewareHandler<E> {
  return methodNotAllowed<E>({
    app,
    onMethodNotAllowed: (c, allowed) => {
      const methods = [...allowed].sort().join(', ');
      const problem = new HttpProblem(
        405,
        'Method Not Allowed',
        `method: ${c.req.method} is not allowed on ${c.req.path} (allowed: ${methods})`,
      );
      const response = problemResponse(problem, c.req.path);
      response.headers.set('allow', methods);
      return response;
    },
  });
}
