import { TaskError } from '../../runtime/task-error.ts';
import type { ObjectAction } from '../action.ts';
import { describeObject, readObjectBytes } from '../object-access.ts';

export interface HttpPostParams {
  readonly url: string;
  /** The form field that carries the file; default `file`. */
  readonly field: string;
  /** Extra text fields sent with the file. */
  readonly fields: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
}

function stringRecord(raw: Record<string, unknown>, field: string, fail: (field: string, problem: string) => never) {
  const value = raw[field];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) fail(field, 'must be an object of strings');
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== 'string') fail(`${field}.${name}`, 'must be a string');
  }
  return value as Record<string, string>;
}

/** The file name the import service sees: the key's last segment. */
function fileName(key: string): string {
  return key.split('/').pop() || key;
}

/**
 * Sends the object as a multipart form upload (field `file` with the key's base name as filename, as the artifact
 * import service received it from the Python consumer). Any non-2xx answer is a failure naming the status.
 */
export const httpPostAction: ObjectAction<HttpPostParams> = {
  kind: 'object',
  name: 'http-post',
  // GetObject comes before the POST: a missing object fails there, nothing is sent.
  checksObjectFirst: true,
  parseParams: (raw, read) => ({
    url: read.httpUrl(raw, 'url'),
    field: read.optionalString(raw, 'field') ?? 'file',
    fields: stringRecord(raw, 'fields', (field, problem) => read.fail(field, problem)),
    headers: stringRecord(raw, 'headers', (field, problem) => read.fail(field, problem)),
    timeoutSeconds: read.optionalInteger(raw, 'timeoutSeconds', 1, 3600) ?? 60,
  }),
  async run(item, params, context) {
    const bytes = await readObjectBytes(context.clients.s3, item, context.signal);
    const form = new FormData();
    for (const [name, value] of Object.entries(params.fields)) form.append(name, value);
    form.append(params.field, new Blob([bytes as BlobPart]), fileName(item.key));
    let response: Response;
    try {
      response = await fetch(params.url, {
        method: 'POST',
        body: form,
        headers: params.headers,
        signal: AbortSignal.any([context.signal, AbortSignal.timeout(params.timeoutSeconds * 1000)]),
      });
    } catch (error) {
      throw new TaskError('Action.HttpUnreachable', `POST ${params.url} for ${describeObject(item)} failed: ${(error as Error).message}`);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      throw new TaskError(
        'Action.HttpStatus',
        `POST ${params.url} for ${describeObject(item)} answered ${response.status} ${response.statusText}: ${text.slice(0, 500)}`,
      );
    }
    return { status: response.status };
  },
};
