import { HttpProblem } from './problem.ts';

/**
 * The deepest nesting of arrays and objects a body may have. LocalStack's interpreter fails an execution with
 * `States.Runtime RecursionError` from between 400 and 600 levels (a Pass state, measured), AWS documents no limit, and
 * Map, Parallel and ResultPath add levels of their own: 64 (as System.Text.Json's default) leaves a wide margin while
 * no hand-written input comes near it.
 */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Where `text` first nests deeper than `limit` (a character index), or -1. One pass without recursion, run before
 * JSON.parse: a body thousands of levels deep would otherwise overflow the stack of every recursive walk after it
 * (JSON.stringify, the schema check). Malformed JSON is left for JSON.parse to name.
 */
export function depthExceededAt(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (++depth > limit) return index;
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      depth--;
    }
  }
  return -1;
}

/** `application/json` or a `+json` type, in UTF-8 (RFC 8259 allows no other encoding). */
export function isJsonMediaType(contentType: string): boolean {
  const [type = '', ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) return false;
  const charset = parameters.find((parameter) => parameter.startsWith('charset='));
  return charset === undefined || /^charset="?utf-8"?$/.test(charset);
}

/**
 * A request body as JSON: 415 unless it is sent as JSON, 400 for bytes that are not UTF-8 (instead of silently
 * turning them into U+FFFD), for nesting deeper than `maxDepth`, and for malformed JSON. undefined for an empty body.
 */
export function parseJsonBody(bytes: Uint8Array, contentType: string | null, maxDepth = MAX_JSON_DEPTH): unknown {
  if (contentType !== null && !isJsonMediaType(contentType)) {
    throw new HttpProblem(
      415,
      'Unsupported Media Type',
      `Content-Type header: must be application/json, got "${contentType}"`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpProblem(400, 'Bad Request', 'body: not valid UTF-8');
  }
  if (text.trim() === '') return undefined;
  if (contentType === null) {
    throw new HttpProblem(415, 'Unsupported Media Type', 'Content-Type header: must be application/json for a body');
  }
  const deepAt = depthExceededAt(text, maxDepth);
  if (deepAt >= 0) {
    throw new HttpProblem(400, 'Bad Request', `body: nested deeper than ${maxDepth} levels (at character ${deepAt})`, {
      maxDepth,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HttpProblem(400, 'Bad Request', `body: not valid JSON (${reason})`);
  }
}
