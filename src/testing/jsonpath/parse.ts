// A JSONPath parsed into segments. Step Functions evaluates paths with Jayway JsonPath; this covers the syntax ASL
// definitions use: $.a.b, $['a'], $[0], $[-1], $[*], $.*, $..a, $[0,2], $[1:3], $[?(@.x > 1)] (with && and ||).
import { StatesError, STATES } from '../errors.ts';

export type Segment =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'descend'; readonly name: string | null }
  | { readonly kind: 'union'; readonly keys: readonly (string | number)[] }
  | { readonly kind: 'slice'; readonly start?: number; readonly end?: number; readonly step?: number }
  | { readonly kind: 'filter'; readonly expression: string };

export interface ParsedPath {
  readonly text: string;
  readonly segments: readonly Segment[];
  /** True when the path can name at most one node (no wildcard, slice, filter, union or descent). */
  readonly definite: boolean;
}

const cache = new Map<string, ParsedPath>();

/** Parses a path that starts with `$` (the caller strips `$$` or a variable name first). */
export function parsePath(text: string): ParsedPath {
  const cached = cache.get(text);
  if (cached) return cached;
  if (!text.startsWith('$')) throw invalid(text, 'a path must start with "$"');
  const segments: Segment[] = [];
  let at = 1;
  while (at < text.length) {
    const char = text[at];
    if (char === '.') {
      if (text[at + 1] === '.') {
        at += 2;
        const match = /^(\*|[^.[\]]+)/.exec(text.slice(at));
        if (match) {
          segments.push({ kind: 'descend', name: match[1] === '*' ? null : (match[1] as string) });
          at += (match[1] as string).length;
        } else segments.push({ kind: 'descend', name: null });
        continue;
      }
      at += 1;
      const match = /^(\*|[^.[\]]+)/.exec(text.slice(at));
      if (!match) throw invalid(text, `a name is missing after "." at ${at}`);
      const name = match[1] as string;
      segments.push(name === '*' ? { kind: 'wildcard' } : { kind: 'name', name });
      at += name.length;
    } else if (char === '[') {
      const close = closingBracket(text, at);
      segments.push(bracketSegment(text, text.slice(at + 1, close).trim()));
      at = close + 1;
    } else throw invalid(text, `unexpected "${char}" at ${at}`);
  }
  const definite = segments.every((segment) => segment.kind === 'name' || segment.kind === 'index');
  const parsed = { text, segments, definite };
  cache.set(text, parsed);
  return parsed;
}

function closingBracket(text: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let at = open; at < text.length; at += 1) {
    const char = text[at];
    if (quote) {
      if (char === '\\') at += 1;
      else if (char === quote) quote = null;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '[' || char === '(') depth += 1;
    else if (char === ']' || char === ')') {
      depth -= 1;
      if (depth === 0 && char === ']') return at;
    }
  }
  throw invalid(text, `"[" at ${open} is never closed`);
}

function bracketSegment(text: string, body: string): Segment {
  if (body === '*') return { kind: 'wildcard' };
  if (body.startsWith('?')) {
    const inner = body.slice(1).trim();
    if (!inner.startsWith('(') || !inner.endsWith(')')) throw invalid(text, `a filter must be "?(...)", got "${body}"`);
    return { kind: 'filter', expression: inner.slice(1, -1).trim() };
  }
  if (/^-?\d*:-?\d*(:-?\d*)?$/.test(body)) {
    const [start, end, step] = body.split(':').map((part) => (part === '' ? undefined : Number(part)));
    return {
      kind: 'slice',
      ...(start !== undefined && { start }),
      ...(end !== undefined && { end }),
      ...(step !== undefined && { step }),
    };
  }
  const keys = splitUnion(body).map((part) => {
    if (/^-?\d+$/.test(part)) return Number(part);
    if (/^'.*'$|^".*"$/s.test(part)) return part.slice(1, -1).replace(/\\(.)/g, '$1');
    throw invalid(text, `cannot read "[${body}]"`);
  });
  if (keys.length === 1) {
    const key = keys[0] as string | number;
    return typeof key === 'number' ? { kind: 'index', index: key } : { kind: 'name', name: key };
  }
  return { kind: 'union', keys };
}

function splitUnion(body: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let current = '';
  for (let at = 0; at < body.length; at += 1) {
    const char = body[at] as string;
    if (quote) {
      current += char;
      if (char === '\\') current += body[++at] ?? '';
      else if (char === quote) quote = null;
    } else if (char === "'" || char === '"') {
      quote = char;
      current += char;
    } else if (char === ',') {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}

function invalid(text: string, why: string): StatesError {
  return new StatesError(STATES.Runtime, `Invalid path '${text}': ${why}`);
}
