import { HttpProblem } from './problem.ts';

/** Compares in time that depends only on the lengths, so a wrong token leaks nothing through response timing. */
export function constantTimeEqual(left: string, right: string): boolean {
  const encoder = new TextEncoder();
  const a = encoder.encode(left);
  const b = encoder.encode(right);
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}

/** Throws 401 without a bearer token and 403 with the wrong one; does nothing when no token is configured. */
export function requireBearer(expected: string | undefined, authorization: string | undefined): void {
  if (!expected) return;
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  if (!match) {
    throw new HttpProblem(401, 'Unauthorized', 'Authorization header: a "Bearer <token>" is required (STEPFORGE_API_TOKEN is set)');
  }
  if (!constantTimeEqual(match[1]!.trim(), expected)) {
    throw new HttpProblem(403, 'Forbidden', 'Authorization header: the bearer token is not the configured STEPFORGE_API_TOKEN');
  }
}
