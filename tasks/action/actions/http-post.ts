import { Readable } from 'node:stream';
import { TaskError } from '../../runtime/task-error.ts';
import type { ActionContext, ObjectAction, ObjectRef } from '../action.ts';
import { multipartFrame } from '../http-post/multipart-form.ts';
import { postStream, type StreamedResponse } from '../http-post/stream-request.ts';
import { describeObject, ObjectReadError, type OpenedObject, openObject } from '../object-access.ts';

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

/** Headers the action owns: a user's own would describe a different body. */
const BODY_HEADERS = new Set(['content-type', 'content-length', 'transfer-encoding']);

/**
 * head + the object's bytes + tail, pulled as the request drains them. The object's bytes are counted against its
 * size, so a read that ends short fails instead of leaving the receiver waiting for the promised Content-Length.
 */
function formBody(item: ObjectRef, object: OpenedObject, head: Buffer, tail: Buffer): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    yield head;
    let read = 0;
    try {
      for await (const chunk of object.body) {
        read += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    } catch (error) {
      throw new ObjectReadError(
        `reading ${describeObject(item)} broke off after ${read} bytes: ${(error as Error).message}`,
      );
    }
    if (object.size !== undefined && read !== object.size) {
      throw new ObjectReadError(`${describeObject(item)} gave ${read} bytes, S3 announced ${object.size}`);
    }
    yield tail;
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** 307/308 keep the method and body, so the upload is sent again (read again from S3) to the new location. */
const MAX_REDIRECTS = 5;

/** One POST of the whole object to `url`; a failure to reach the receiver is `Action.HttpUnreachable`. */
async function postObject(
  url: string,
  item: ObjectRef,
  params: HttpPostParams,
  context: ActionContext,
  signal: AbortSignal,
) {
  const object = await openObject(context.clients.s3, item, context.signal);
  const frame = multipartFrame(params.fields, params.field, fileName(item.key));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(params.headers))
    if (!BODY_HEADERS.has(name.toLowerCase())) headers[name] = value;
  headers['content-type'] = frame.contentType;
  if (object.size !== undefined)
    headers['content-length'] = String(frame.head.length + object.size + frame.tail.length);
  try {
    return await postStream(url, formBody(item, object, frame.head, frame.tail), { headers, signal });
  } catch (error) {
    object.body.destroy();
    if (error instanceof ObjectReadError) throw error;
    throw new TaskError(
      'Action.HttpUnreachable',
      `POST ${url} for ${describeObject(item)} failed: ${(error as Error).message}`,
    );
  }
}

function redirectTarget(response: StreamedResponse, url: string): string | undefined {
  if ((response.status !== 307 && response.status !== 308) || !response.location) return undefined;
  const target = new URL(response.location, url);
  return target.protocol === 'http:' || target.protocol === 'https:' ? target.toString() : undefined;
}

/**
 * Sends the object as a multipart form upload (field `file` with the key's base name as filename, as the artifact
 * import service received it from the Python consumer), streamed from S3 into the request: memory stays flat for any
 * object size, and the body carries a Content-Length when S3 gave the object's size. 307/308 are followed; any other
 * non-2xx answer is a failure naming the status (a 301/302/303 would turn the upload into a GET that sends nothing).
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
    // The timeout bounds the POSTs (with the object streaming through them), as it did around fetch.
    const signal = AbortSignal.any([context.signal, AbortSignal.timeout(params.timeoutSeconds * 1000)]);
    let url = params.url;
    for (let redirects = 0; ; redirects++) {
      const response = await postObject(url, item, params, context, signal);
      const next = redirects < MAX_REDIRECTS ? redirectTarget(response, url) : undefined;
      if (next !== undefined) {
        url = next;
        continue;
      }
      if (response.status < 200 || response.status > 299) {
        const where = response.location ? ` (Location: ${response.location})` : '';
        throw new TaskError(
          'Action.HttpStatus',
          `POST ${url} for ${describeObject(item)} answered ${response.status} ${response.statusText}${where}: ${response.text.slice(0, 500)}`,
        );
      }
      return { status: response.status, ...(url !== params.url ? { url } : {}) };
    }
  },
};
