import { HttpProblem } from './problem.ts';

/**
 * Where the next page starts: Step Functions' own `nextToken` when the endpoint pages, or an offset when it returned
 * everything at once and the server pages itself. Clients see only an opaque string.
 */
export type Cursor = { readonly token: string } | { readonly offset: number };

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

export function encodeCursor(cursor: Cursor): string {
  return toBase64Url(JSON.stringify('token' in cursor ? { t: cursor.token } : { o: cursor.offset }));
}

/** Decodes a cursor from the `cursor` query parameter; a malformed one is a 400 naming the parameter. */
export function decodeCursor(text: string | undefined): Cursor | undefined {
  if (text === undefined || text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(text));
  } catch {
    parsed = undefined;
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  if (typeof record.t === 'string') return { token: record.t };
  if (typeof record.o === 'number' && Number.isInteger(record.o) && record.o >= 0) return { offset: record.o };
  throw new HttpProblem(400, 'Bad Request', 'cursor: not a cursor this server issued (pass nextCursor back unchanged)');
}
