import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from './problem.ts';

/** Node's own limit on a request's headers; the app applies the same wherever the runtime's server allows more. */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * 431 problem+json for headers over `maxBytes` (names, values and the `: ` and CRLF around each), so that Deno
 * (about 64 KiB) and workerd (128 KiB) refuse at the same size as Node, in the same words. Node and Bun refuse larger
 * headers before the app runs; node.ts gives Node's refusal the same body.
 */
export function limitHeaders(maxBytes = MAX_HEADER_BYTES): MiddlewareHandler {
  return async (c, next) => {
    let size = 0;
    c.req.raw.headers.forEach((value, name) => {
      size += name.length + value.length + 4;
    });
    if (size > maxBytes) {
      throw new HttpProblem(
        431,
        'Request Header Fields Too Large',
        `headers: larger than the server accepts (${maxBytes / 1024} KiB in all)`,
      );
    }
    await next();
  };
}
