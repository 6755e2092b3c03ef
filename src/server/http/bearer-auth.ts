import type { MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { HttpProblem, problemResponse } from './problem.ts';

/** RFC 6750's b64token: what Hono's bearer auth (and an `Authorization: Bearer` header) can carry. */
const BEARER_TOKEN = /^[A-Za-z0-9._~+/-]+=*$/;

/** A configured token no client could send is a start-up error, not a server that refuses everyone. */
export function checkApiToken(token: string): void {
  if (!BEARER_TOKEN.test(token)) {
    throw new Error(
      'STEPFORGE_API_TOKEN: must be made of A-Z a-z 0-9 . _ ~ + / - (optionally ending in =), as a bearer token is',
    );
  }
}

/**
 * Hono's bearer auth (constant-time comparison, `WWW-Authenticate` challenge) with problem+json answers: 401 without a
 * bearer token (or a malformed one), 403 with the wrong token.
 */
export function requireBearer(token: string): MiddlewareHandler {
  checkApiToken(token);
  const answer = (status: number, title: string, detail: string) => (c: { req: { path: string } }) =>
    problemResponse(new HttpProblem(status, title, detail), c.req.path);
  const missing = answer(
    401,
    'Unauthorized',
    'Authorization header: a "Bearer <token>" is required (STEPFORGE_API_TOKEN is set)',
  );
  return bearerAuth({
    token,
    realm: 'stepforge',
    noAuthenticationHeader: { message: missing },
    invalidAuthenticationHeader: { message: missing },
    invalidToken: {
      message: answer(
        403,
        'Forbidden',
        'Authorization header: the bearer token is not the configured STEPFORGE_API_TOKEN',
      ),
    },
  });
}
