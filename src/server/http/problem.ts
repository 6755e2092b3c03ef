/** An RFC 9457 problem: thrown anywhere in a route, rendered as `application/problem+json` by the app. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly title: string,
    /** Names the field, header or parameter at fault, so a client knows what to fix. */
    readonly detail: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(`${status} ${title}: ${detail}`);
  }
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemResponse(problem: HttpProblem, instance?: string): Response {
  // Extra members come first, so none can overwrite the members RFC 9457 defines.
  const body = {
    type: 'about:blank',
    ...problem.extra,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(instance ? { instance } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE },
  });
}

/** The JSON Schema of a problem body, for the OpenAPI document. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'names the field, header or parameter at fault' },
    instance: { type: 'string' },
  },
} as const;
