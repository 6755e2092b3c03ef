import { HttpProblem } from './problem.ts';

/**
 * Where the next page starts: Step Functions' own `nextToken` when the endpoint pages, or an offset when it returned
 * everything at once and the server pages itself. Clients see only an opaque string.
 */
export type Cursor = { readonly token: string } | { readonly offset: number };

/**
 * Issues and reads cursors. Each carries an HMAC over its content and the listing it belongs to (`scope`: which
 * workflow or execution, which view), so a cursor the server did not issue, or one moved to another listing, is a 400
 * instead of a token passed on to Step Functions (LocalStack ignores a bad `nextToken` and serves page one).
 */
export interface CursorCodec {
  encode(cursor: Cursor, scope: string): Promise<string>;
  /** undefined for no cursor; a 400 naming the parameter for one this server did not issue for `scope`. */
  decode(text: string | undefined, scope: string): Promise<Cursor | undefined>;
}

const MAC_BYTES = 16;
const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function sameBytes(left: Uint8Array, right: Uint8Array): boolean {
  let difference = left.length ^ right.length;
  for (let index = 0; index < Math.max(left.length, right.length); index++)
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  return difference === 0;
}

function parseCursor(payload: Uint8Array): Cursor | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return undefined;
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const keys = Object.keys(record);
  if (keys.length !== 1) return undefined;
  if (typeof record.t === 'string' && record.t !== '') return { token: record.t };
  if (typeof record.o === 'number' && Number.isSafeInteger(record.o) && record.o >= 0) return { offset: record.o };
  return undefined;
}

/**
 * A codec keyed by `secret` (bytes or text); without one, a random key of this process, so cursors last as long as
 * the server does (Step Functions' own tokens expire after 24 hours anyway).
 */
export function createCursorCodec(secret?: string | Uint8Array): CursorCodec {
  const keyBytes =
    typeof secret === 'string'
      ? encoder.encode(secret)
      : new Uint8Array(secret ?? crypto.getRandomValues(new Uint8Array(32)));
  const key = crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = async (payload: Uint8Array, scope: string) => {
    const signed = new Uint8Array([...encoder.encode(scope), 0, ...payload]);
    return new Uint8Array(await crypto.subtle.sign('HMAC', await key, signed)).slice(0, MAC_BYTES);
  };
  const refused = () =>
    new HttpProblem(
      400,
      'Bad Request',
      'cursor: not a cursor this server issued for this listing (pass nextCursor back unchanged)',
    );
  return {
    async encode(cursor, scope) {
      const payload = encoder.encode(JSON.stringify('token' in cursor ? { t: cursor.token } : { o: cursor.offset }));
      return `${toBase64Url(payload)}.${toBase64Url(await mac(payload, scope))}`;
    },
    async decode(text, scope) {
      if (text === undefined || text === '') return undefined;
      const [payloadText, macText, ...rest] = text.split('.');
      if (payloadText === undefined || macText === undefined || rest.length > 0) throw refused();
      let payload: Uint8Array;
      let given: Uint8Array;
      try {
        payload = fromBase64Url(payloadText);
        given = fromBase64Url(macText);
      } catch {
        throw refused();
      }
      if (!sameBytes(given, await mac(payload, scope))) throw refused();
      const cursor = parseCursor(payload);
      if (!cursor) throw refused();
      return cursor;
    },
  };
}
