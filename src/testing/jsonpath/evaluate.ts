// Evaluates a parsed JSONPath against a value, as Step Functions (Jayway JsonPath) does: a definite path names one
// node or fails; an indefinite one (wildcard, slice, filter, descent) gives the array of every match, and fails when
// nothing matches (LocalStack, after AWS: "The JSONPath '$.items[?(@.z)]' ... could not be found in the input").
import { isJsonObject, jsonEquals, type JsonValue } from '../json.ts';
import { parsePath, type Segment } from './parse.ts';

const MISSING = Symbol('missing');

export type PathLookup = { readonly found: true; readonly value: JsonValue } | { readonly found: false };

/** Reads `$...` from `root`: the value for a definite path (or not found), the array of matches otherwise. */
export function lookupPath(path: string, root: JsonValue): PathLookup {
  const parsed = parsePath(path);
  const matches = select(parsed.segments, [root]);
  if (parsed.definite) return matches.length === 1 ? { found: true, value: matches[0] as JsonValue } : { found: false };
  return matches.length > 0 ? { found: true, value: matches } : { found: false };
}

function select(segments: readonly Segment[], start: JsonValue[]): JsonValue[] {
  let current = start;
  for (const segment of segments) current = current.flatMap((node) => step(segment, node));
  return current;
}

function step(segment: Segment, node: JsonValue): JsonValue[] {
  switch (segment.kind) {
    case 'name':
      return isJsonObject(node) && Object.hasOwn(node, segment.name) ? [node[segment.name] as JsonValue] : [];
    case 'index':
      return Array.isArray(node) ? present(node.at(segment.index)) : [];
    case 'wildcard':
      return Array.isArray(node) ? [...node] : isJsonObject(node) ? Object.values(node) : [];
    case 'union':
      return segment.keys.flatMap((key) =>
        typeof key === 'number'
          ? Array.isArray(node)
            ? present(node.at(key))
            : []
          : isJsonObject(node) && Object.hasOwn(node, key)
            ? [node[key] as JsonValue]
            : [],
      );
    case 'slice':
      return Array.isArray(node) ? slice(node, segment.start, segment.end, segment.step ?? 1) : [];
    case 'descend':
      return descend(node, segment.name);
    case 'filter': {
      const children = Array.isArray(node) ? node : isJsonObject(node) ? Object.values(node) : [];
      return children.filter((child) => filterMatches(segment.expression, child));
    }
  }
}

function present(value: JsonValue | undefined): JsonValue[] {
  return value === undefined ? [] : [value];
}

function slice(array: JsonValue[], start: number | undefined, end: number | undefined, step: number): JsonValue[] {
  const length = array.length;
  const from = start === undefined ? 0 : start < 0 ? Math.max(length + start, 0) : Math.min(start, length);
  const to = end === undefined ? length : end < 0 ? Math.max(length + end, 0) : Math.min(end, length);
  const picked: JsonValue[] = [];
  for (let at = from; at < to; at += Math.max(step, 1)) picked.push(array[at] as JsonValue);
  return picked;
}

function descend(node: JsonValue, name: string | null): JsonValue[] {
  const found: JsonValue[] = [];
  const visit = (value: JsonValue): void => {
    if (isJsonObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (name === null || key === name) found.push(child);
        visit(child);
      }
    } else if (Array.isArray(value)) {
      for (const child of value) {
        if (name === null) found.push(child);
        visit(child);
      }
    }
  };
  visit(node);
  return found;
}

// Filters: `@.price < 10`, `@.name == 'x'`, `@.flag` (present), joined by && and ||; enough for ASL definitions.
function filterMatches(expression: string, item: JsonValue): boolean {
  return splitTop(expression, '||').some((any) => splitTop(any, '&&').every((all) => clauseMatches(all.trim(), item)));
}

function splitTop(expression: string, operator: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let depth = 0;
  let start = 0;
  for (let at = 0; at < expression.length; at += 1) {
    const char = expression[at];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '(' || char === '[') depth += 1;
    else if (char === ')' || char === ']') depth -= 1;
    else if (depth === 0 && expression.startsWith(operator, at)) {
      parts.push(expression.slice(start, at));
      start = at + operator.length;
      at += operator.length - 1;
    }
  }
  parts.push(expression.slice(start));
  return parts;
}

function clauseMatches(clause: string, item: JsonValue): boolean {
  const unwrapped = clause.startsWith('(') && clause.endsWith(')') ? clause.slice(1, -1).trim() : clause;
  if (unwrapped !== clause) return filterMatches(unwrapped, item);
  const match = /^(.+?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(unwrapped);
  if (!match) return operand(unwrapped, item) !== MISSING;
  const left = operand((match[1] as string).trim(), item);
  const right = operand((match[3] as string).trim(), item);
  if (left === MISSING || right === MISSING) return match[2] === '!=' && left !== right;
  switch (match[2]) {
    case '==':
      return jsonEquals(left, right);
    case '!=':
      return !jsonEquals(left, right);
    default:
      return compare(left, right, match[2] as string);
  }
}

function compare(left: JsonValue, right: JsonValue, operator: string): boolean {
  if (
    !(
      (typeof left === 'number' && typeof right === 'number') ||
      (typeof left === 'string' && typeof right === 'string')
    )
  )
    return false;
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    default:
      return left >= right;
  }
}

function operand(text: string, item: JsonValue): JsonValue | typeof MISSING {
  if (text.startsWith('@')) {
    const lookup = lookupPath(`$${text.slice(1)}`, item);
    return lookup.found ? lookup.value : MISSING;
  }
  if (/^'.*'$|^".*"$/s.test(text)) return text.slice(1, -1);
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return MISSING;
  }
}
