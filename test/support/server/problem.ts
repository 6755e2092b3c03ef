import assert from 'node:assert/strict';

export type ProblemBody = Record<string, unknown> & { readonly detail: string; readonly status: number };

/** Asserts `response` is an `application/problem+json` answer with `status`, and returns its body. */
export async function expectProblem(response: Response, status: number): Promise<ProblemBody> {
  assert.equal(response.status, status, await response.clone().text());
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  const body = (await response.json()) as ProblemBody;
  assert.equal(body.status, status);
  return body;
}
