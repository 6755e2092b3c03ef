import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from './problem.ts';

/**
 * Refuses a mutating request a browser sent from another origin: `Sec-Fetch-Site` other than same-origin/none, or an
 * `Origin` that is neither this server's nor one of `allowedOrigins`. Clients that are not browsers send neither header
 * and pass. (Hono's `csrf` middleware looks only at form content types and answers in plain text; the JSON-only body
 * rule already refuses those, and this also covers a bodiless cross-site POST.)
 */
export function sameOriginOnly(allowedOrigins: readonly string[] = []): MiddlewareHandler {
  return async (c, next) => {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const own = new URL(c.req.url).origin;
    const allowedOrigin = origin === undefined || origin === own || allowedOrigins.includes(origin);
    if (!allowedOrigin) {
      throw new HttpProblem(
        403,
        'Forbidden',
        `Origin header: ${origin} may not start or stop executions (only ${own} and the configured allowed origins)`,
      );
    }
    if (
      site !== undefined &&
      site !== 'same-origin' &&
      site !== 'none' &&
      !(origin && allowedOrigins.includes(origin))
    ) {
      throw new HttpProblem(
        403,
        'Forbidden',
        `Sec-Fetch-Site header: a ${site} request may not start or stop executions`,
      );
    }
    await next();
  };
}
