// JSONPath strings -> typed DSL references (`$.order.id` -> `input.order.id`, `$$.Execution.Id` ->
// `context.Execution.Id`, `$total` -> `variable('total')`), only where the DSL renders the reference back to the
// very same string; anything else stays the string it was.
import { makePath, renderJsonPath, type Ref, type RefRoot, type Segment } from '../../dsl/refs.ts';
import { isIdentifier, stringLiteral } from './code-text.ts';
import type { CodeScope, ScopeName } from './code-scope.ts';

/** What TypeScript knows about the referenced value: `untyped` accepts anything, the rest only their own kind. */
export type ValueKind = 'untyped' | 'string' | 'number' | 'object';

export interface ParsedPath {
  readonly root: RefRoot;
  readonly segments: readonly Segment[];
}

const SEGMENT = /^(?:\.([^.[\]]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\])/;

/** `$.a.b[0]['x y']`, `$$.Map.Item.Value`, `$var.field`; undefined for anything richer (filters, wildcards, ...). */
export function parseJsonPath(path: string): ParsedPath | undefined {
  let root: RefRoot;
  let rest: string;
  const segments: Segment[] = [];
  if (path.startsWith('$$')) {
    root = 'context';
    rest = path.slice(2);
  } else if (/^\$[A-Za-z_]/.test(path)) {
    const name = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(path)![1]!;
    root = 'variable';
    segments.push(name);
    rest = path.slice(name.length + 1);
  } else if (path.startsWith('$')) {
    root = 'input';
    rest = path.slice(1);
  } else return undefined;
  while (rest.length > 0) {
    const match = SEGMENT.exec(rest);
    if (!match) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(match[3]!.replace(/\\(.)/g, '$1'));
    rest = rest.slice(match[0].length);
  }
  return { root, segments };
}

/** The DSL reference a parsed path stands for (input and result render alike in JSONPath). */
export function toDslRef(parsed: ParsedPath): Ref<unknown> {
  return makePath(parsed.root, parsed.segments);
}

// The typed part of the DSL's ContextObject: walking past a typed leaf, or into a field it lacks, would not compile.
type ContextShape = { readonly [key: string]: ContextShape | ValueKind };
const CONTEXT: ContextShape = {
  Execution: {
    Id: 'string',
    Input: 'untyped',
    Name: 'string',
    RoleArn: 'string',
    StartTime: 'string',
    RedriveCount: 'number',
    RedriveTime: 'string',
  },
  State: { EnteredTime: 'string', Name: 'string', RetryCount: 'number' },
  StateMachine: { Id: 'string', Name: 'string' },
  Task: { Token: 'string' },
  Map: { Item: { Index: 'number', Value: 'untyped', Key: 'string', Source: 'string' } },
};

function contextKind(segments: readonly Segment[]): ValueKind | undefined {
  let shape: ContextShape | ValueKind = CONTEXT;
  for (const segment of segments) {
    if (shape === 'untyped') return 'untyped';
    if (typeof shape === 'string' || typeof segment !== 'string' || !Object.hasOwn(shape, segment)) return undefined;
    shape = shape[segment]!;
  }
  return typeof shape === 'string' ? shape : 'object';
}

function segmentCode(segment: Segment): string {
  if (typeof segment === 'number') return `[${segment}]`;
  return isIdentifier(segment) ? `.${segment}` : `[${stringLiteral(segment)}]`;
}

export interface RefCode {
  readonly code: string;
  readonly kind: ValueKind;
  readonly ref: Ref<unknown>;
}

/**
 * The reference code for a JSONPath, or undefined when the DSL could not write it back byte for byte. `dollar` is
 * the scope root `$` means here (`input` for a state's input, `result` for ResultSelector).
 */
export function referenceCode(
  path: string,
  scope: CodeScope,
  dollar: Exclude<ScopeName, 'context'> = 'input',
): RefCode | undefined {
  const parsed = parseJsonPath(path);
  if (!parsed) return undefined;
  // A `then` field would make the reference proxy look like a promise; such a path stays a string.
  if (parsed.segments.some((segment) => segment === 'then' || segment === '__proto__')) return undefined;
  const ref = toDslRef(parsed);
  if (renderJsonPath(ref) !== path) return undefined;
  if (parsed.root === 'context') {
    const kind = contextKind(parsed.segments);
    if (!kind) return undefined;
    return { code: scope.root('context') + parsed.segments.map(segmentCode).join(''), kind, ref };
  }
  if (parsed.root === 'variable') {
    const [name, ...rest] = parsed.segments;
    return {
      code: `${scope.use('variable')}(${stringLiteral(name as string)})${rest.map(segmentCode).join('')}`,
      kind: 'untyped',
      ref,
    };
  }
  return { code: scope.root(dollar) + parsed.segments.map(segmentCode).join(''), kind: 'untyped', ref };
}
