// Typed references into the data a state sees (its input, its result, the context object, variables). A reference
// is language-neutral: it renders as `$.order.id` in a JSONPath state and as `$states.input.order.id` in a JSONata
// one, decided when the workflow is rendered, so the same helper works in both.
import { DslError } from './dsl-error.ts';

export const REF: unique symbol = Symbol.for('stepforge.ref');
/** Phantom key: carries the referenced value's type in the type system; never set at runtime. */
export const VALUE_TYPE: unique symbol = Symbol.for('stepforge.valueType');
declare const UNTYPED: unique symbol;

/** The value type of a reference whose target has no declared type; accepted wherever any reference is. */
export interface Untyped {
  readonly [UNTYPED]: true;
}

export type RefRoot = 'input' | 'result' | 'errorOutput' | 'context' | 'variable';
export type Segment = string | number;

export interface RefData {
  readonly root: RefRoot;
  readonly segments: readonly Segment[];
}

export interface Ref<T = unknown> {
  readonly [REF]: RefData;
  readonly [VALUE_TYPE]?: T;
}

type Typed<T> = unknown extends T ? Untyped : T;

/**
 * A reference into a value of unknown shape, walkable to any depth (`input.a.b[0].c`). An interface, because the
 * recursive alias `Path<unknown>` stopped resolving after one field and left `Ref<Untyped>` with no fields.
 */
export interface UntypedPath extends Ref<Untyped> {
  readonly [key: string]: UntypedPath;
}

type PathFields<T> = unknown extends T
  ? { readonly [key: string]: UntypedPath }
  : NonNullable<T> extends readonly (infer Element)[]
    ? number extends NonNullable<T>['length']
      ? { readonly [index: number]: Path<Element> }
      : // A tuple (e.g. a Parallel's result) keeps each position's type.
        { readonly [K in keyof NonNullable<T> as K extends `${number}` ? K : never]: Path<NonNullable<T>[K]> }
    : NonNullable<T> extends object
      ? { readonly [K in keyof NonNullable<T>]-?: Path<NonNullable<T>[K]> }
      : unknown;

/** A reference that can be walked like the value it points at: `input.order.items[0].sku`. */
export type Path<T> = Ref<Typed<T>> & PathFields<T>;

/** A reference to a value of type T (or to an untyped value): what typed helpers accept. */
export type RefTo<T> = Ref<T> | Ref<Untyped>;

/** The value a reference (or any template containing references) stands for. */
export type ValueOf<R> = R extends Ref<infer V> ? ([V] extends [Untyped] ? unknown : V) : never;

export function isRef(value: unknown): value is Ref<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && REF in value;
}

export function refData(ref: Ref<unknown>): RefData {
  return ref[REF];
}

const INDEX = /^(0|[1-9]\d*)$/;

export function makePath<T>(root: RefRoot, segments: readonly Segment[] = []): Path<T> {
  const data: RefData = { root, segments };
  const target = Object.create(null) as object;
  return new Proxy(target, {
    get(_target, key) {
      if (key === REF) return data;
      // `then` would make the proxy look like a promise to `await`; symbols are runtime introspection.
      if (typeof key === 'symbol' || key === 'then') return undefined;
      return makePath(root, [...segments, INDEX.test(key) ? Number(key) : key]);
    },
    has: (_target, key) => key === REF,
  }) as Path<T>;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function jsonPathSegment(segment: Segment): string {
  if (typeof segment === 'number') return `[${segment}]`;
  return IDENTIFIER.test(segment) ? `.${segment}` : `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

function jsonataSegment(segment: Segment): string {
  if (typeof segment === 'number') return `[${segment}]`;
  return IDENTIFIER.test(segment) ? `.${segment}` : `.\`${segment}\``;
}

function variableHead(data: RefData): { head: string; rest: readonly Segment[] } {
  const [name, ...rest] = data.segments;
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new DslError(`a variable reference needs a variable name as its first field, got ${String(name)}`);
  }
  return { head: `$${name}`, rest };
}

/** `$.a.b`, `$$.Execution.Id`, `$total.count`. */
export function renderJsonPath(ref: Ref<unknown>): string {
  const data = refData(ref);
  if (data.root === 'variable') {
    const { head, rest } = variableHead(data);
    return head + rest.map(jsonPathSegment).join('');
  }
  const head = data.root === 'context' ? '$$' : '$';
  return head + data.segments.map(jsonPathSegment).join('');
}

const JSONATA_ROOTS: Record<Exclude<RefRoot, 'variable'>, string> = {
  input: '$states.input',
  result: '$states.result',
  errorOutput: '$states.errorOutput',
  context: '$states.context',
};

/** `$states.input.a.b`, `$states.context.Execution.Id`, `$total.count` (no `{% %}` around it). */
export function renderJsonataPath(ref: Ref<unknown>): string {
  const data = refData(ref);
  if (data.root === 'variable') {
    const { head, rest } = variableHead(data);
    return head + rest.map(jsonataSegment).join('');
  }
  return JSONATA_ROOTS[data.root] + data.segments.map(jsonataSegment).join('');
}
