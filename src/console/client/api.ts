// The console's only way to the server: the JSON API it documents, with the bearer token (when the server wants one)
// asked for on the first mutating call and kept for the tab only.
import { askDialog } from './dialog.ts';

export interface Problem {
  readonly status: number;
  readonly title?: string;
  readonly detail?: string;
  readonly workflowType?: string;
  readonly [field: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

const TOKEN_KEY = 'stepforge.apiToken';

async function problemOf(response: Response): Promise<Problem> {
  try {
    return { status: response.status, ...((await response.json()) as object) };
  } catch {
    return { status: response.status, title: response.statusText };
  }
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as T;
}

export interface MutationResult<T> {
  readonly status: number;
  readonly body: T;
}

/**
 * POSTs JSON. A 401 or 403 from the bearer check asks for the token (again, when the one kept was wrong) and retries;
 * cancelling the prompt ends with that answer.
 */
export async function postJson<T>(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<MutationResult<T>> {
  let reason: string | undefined;
  for (;;) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const response = await fetch(path, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    });
    const challenged =
      response.status === 401 || (response.status === 403 && token !== null && (await isTokenRefusal(response)));
    if (!challenged) {
      if (!response.ok) throw new ApiError(await problemOf(response));
      return { status: response.status, body: (await response.json()) as T };
    }
    reason = token ? 'The server refused that token. Enter the API token again.' : undefined;
    sessionStorage.removeItem(TOKEN_KEY);
    const entered = await askDialog({
      title: 'API token',
      text:
        reason ??
        'This server needs its API token (STEPFORGE_API_TOKEN) to start or stop executions. It is kept for this tab only.',
      input: 'password',
      confirm: 'Use token',
    });
    if (entered === null || entered === '') throw new ApiError(await problemOf(response));
    sessionStorage.setItem(TOKEN_KEY, entered);
  }
}

/** A 403 from the bearer check (wrong token) rather than from the same-origin rule: its detail names the header. */
async function isTokenRefusal(response: Response): Promise<boolean> {
  const problem = await problemOf(response.clone());
  return (problem.detail ?? '').startsWith('Authorization header');
}
