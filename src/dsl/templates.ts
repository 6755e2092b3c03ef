// Payload templates (Parameters/Arguments, ResultSelector, Output, Assign, ItemSelector, ...): plain data in which
// references, intrinsics and JSONata expressions may appear, rendered for the state's effective query language.
import type { JsonObject, JsonValue, QueryLanguage } from './asl-types.ts';
import { DslError } from './dsl-error.ts';
import { type Intrinsic, isIntrinsic, renderIntrinsic } from './intrinsics.ts';
import { type Expression, isExpression, renderExpression } from './jsonata.ts';
import { isRef, type Ref, renderJsonataPath, renderJsonPath, type Untyped, VALUE_TYPE } from './refs.ts';

type Literal = string | number | boolean | null;

/** A payload for a JSONPath state: JSON, references and intrinsic functions. */
export type JsonPathTemplate =
  | Literal
  | Ref<unknown>
  | Intrinsic<unknown>
  | readonly JsonPathTemplate[]
  | { readonly [key: string]: JsonPathTemplate };

/** A payload for a JSONata state: JSON, references and JSONata expressions. */
export type JsonataTemplate =
  | Literal
  | Ref<unknown>
  | Expression<unknown>
  | readonly JsonataTemplate[]
  | { readonly [key: string]: JsonataTemplate };

export type Template = JsonPathTemplate | JsonataTemplate;

type Phantom<T> = { readonly [VALUE_TYPE]?: T };
type StripDollar<K> = K extends `${infer Base}.$` ? Base : K;

/** The data a template produces at runtime: references become the type they point at. */
export type Resolve<T> = 0 extends 1 & T ? unknown : ResolveKnown<T>;

type ResolveKnown<T> =
  T extends Phantom<infer V>
    ? T extends Ref<unknown> | Intrinsic<unknown> | Expression<unknown>
      ? [V] extends [Untyped]
        ? unknown
        : V
      : ResolveData<T>
    : ResolveData<T>;

type ResolveData<T> = T extends Literal
  ? T
  : T extends readonly unknown[]
    ? { -readonly [I in keyof T]: Resolve<T[I]> }
    : T extends object
      ? { -readonly [K in keyof T as StripDollar<K>]: K extends `${string}.$` ? unknown : Resolve<T[K]> }
      : T;

function isDynamic(value: unknown): boolean {
  if (isRef(value) || isIntrinsic(value) || isExpression(value)) return true;
  if (Array.isArray(value)) return value.some(isDynamic);
  return typeof value === 'object' && value !== null && Object.values(value).some(isDynamic);
}

function renderJsonPathArrayItem(item: unknown, field: string): string {
  if (isRef(item)) return renderJsonPath(item);
  if (isIntrinsic(item)) return renderIntrinsic(item);
  if (typeof item === 'string') return `'${item.replace(/[\\'{}]/g, (character) => `\\${character}`)}'`;
  if (item === null || typeof item === 'number' || typeof item === 'boolean') return String(item);
  throw new DslError(`${field}: a JSONPath array that contains references may hold only literals and references`);
}

function renderJsonPathEntry(key: string, value: unknown, field: string, out: JsonObject): void {
  if (isRef(value)) out[`${key}.$`] = renderJsonPath(value);
  else if (isIntrinsic(value)) out[`${key}.$`] = renderIntrinsic(value);
  else if (isExpression(value)) throw new DslError(`${field}.${key}: a JSONata expression in a JSONPath state`);
  else if (Array.isArray(value) && value.some(isDynamic)) {
    // JSONPath cannot put a path inside an array literal; States.Array builds the same array at runtime.
    out[`${key}.$`] =
      `States.Array(${value.map((item, index) => renderJsonPathArrayItem(item, `${field}.${key}[${index}]`)).join(', ')})`;
  } else out[key] = renderJsonPathValue(value, `${field}.${key}`);
}

function renderJsonPathValue(value: unknown, field: string): JsonValue {
  if (isRef(value) || isIntrinsic(value)) {
    throw new DslError(`${field}: a reference needs a key to hang its ".$" on; wrap it in an object`);
  }
  if (isExpression(value)) throw new DslError(`${field}: a JSONata expression in a JSONPath state`);
  if (Array.isArray(value)) return value.map((item, index) => renderJsonPathValue(item, `${field}[${index}]`));
  if (typeof value === 'object' && value !== null) {
    const out: JsonObject = {};
    for (const [key, entry] of Object.entries(value)) renderJsonPathEntry(key, entry, field, out);
    return out;
  }
  if (value === undefined) throw new DslError(`${field}: undefined is not JSON`);
  return value as JsonValue;
}

function renderJsonataValue(value: unknown, field: string): JsonValue {
  if (isRef(value)) return `{% ${renderJsonataPath(value)} %}`;
  if (isExpression(value)) return renderExpression(value);
  if (isIntrinsic(value)) throw new DslError(`${field}: intrinsic functions exist only in JSONPath states`);
  if (Array.isArray(value)) return value.map((item, index) => renderJsonataValue(item, `${field}[${index}]`));
  if (typeof value === 'object' && value !== null) {
    const out: JsonObject = {};
    for (const [key, entry] of Object.entries(value)) {
      if (entry !== undefined) out[key] = renderJsonataValue(entry, `${field}.${key}`);
    }
    return out;
  }
  if (value === undefined) throw new DslError(`${field}: undefined is not JSON`);
  return value as JsonValue;
}

/** Renders a payload template; `field` names it in errors (e.g. `Charge.Parameters`). */
export function renderTemplate(value: unknown, language: QueryLanguage, field: string): JsonValue {
  return language === 'JSONata' ? renderJsonataValue(value, field) : renderJsonPathValue(value, field);
}

/** A path-valued field (InputPath, ResultPath, ItemsPath, Variable, ...): a reference, a raw path string, or null. */
export type PathArgument = Ref<unknown> | string;

export function renderPathField(value: PathArgument | null, field: string): JsonValue {
  if (value === null || typeof value === 'string') return value;
  if (isRef(value)) return renderJsonPath(value);
  throw new DslError(`${field}: expected a reference or a path string`);
}
