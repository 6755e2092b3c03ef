import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpProblem, problemResponse } from './problem.ts';

export function bodyTooLarge(maxBytes: number): HttpProblem {
  return new HttpProblem(413, 'Content Too Large', `body: larger than ${maxBytes} bytes (Step Functions' input limit)`);
}

/** Hono's body limit (counts while the body streams, whatever Content-Length says) answering with a problem. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({ maxSize: maxBytes, onError: (c) => problemResponse(bodyTooLarge(maxBytes), c.req.path) });
}
