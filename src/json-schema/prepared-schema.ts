import { pointerSegments } from './locations.ts';

type SchemaObject = { readonly [keyword: string]: unknown };

// Keywords whose value is one subschema, a list of them, or a map of name -> subschema.
const SINGLE = new Set([
  'additionalProperties',
  'items',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
]);
const LIST = new Set(['prefixItems', 'items', 'anyOf', 'allOf', 'oneOf']);
const MAP = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/**
 * A copy of a schema in which every `false` subschema is `{ not: {} }`, marked as such. The library reports a failed
 * `false` at the instance's location instead of the schema's, which would cut a failed `anyOf` option's errors off
 * from it; `not` is reported where it stands. The copy also keeps the library's bookkeeping off the caller's object.
 */
export interface PreparedSchema {
  readonly schema: SchemaObject;
  /** The `{ not: {} }` objects that stand for `false`. */
  readonly falseMarks: WeakSet<object>;
}

export function prepareSchema(schema: SchemaObject): PreparedSchema {
  const falseMarks = new WeakSet<object>();
  const copySubschema = (value: unknown): unknown => {
    if (value === false) {
      const mark = { not: {} };
      falseMarks.add(mark);
      return mark;
    }
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? copySchema(value as SchemaObject)
      : value;
  };
  const copySchema = (node: SchemaObject): SchemaObject =>
    Object.fromEntries(
      Object.entries(node).map(([keyword, value]) => {
        if (LIST.has(keyword) && Array.isArray(value)) return [keyword, value.map(copySubschema)];
        if (MAP.has(keyword) && typeof value === 'object' && value !== null) {
          return [keyword, Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, copySubschema(sub)]))];
        }
        return [keyword, SINGLE.has(keyword) ? copySubschema(value) : value];
      }),
    );
  return { schema: copySchema(schema), falseMarks };
}

function resolveRef(root: SchemaObject, ref: unknown): unknown {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const segment of pointerSegments(ref)) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node;
}

/**
 * The schema object holding the keyword a library error names (`#/properties/a/$ref/enum` -> the `$ref` target, which
 * holds `enum`), following local `$ref`s the way the library walked them; undefined where it cannot tell.
 */
export function schemaHolding(root: SchemaObject, keywordLocation: string): SchemaObject | undefined {
  const segments = pointerSegments(keywordLocation);
  let node: unknown = root;
  for (let index = 0; index < segments.length - 1; index++) {
    if (typeof node !== 'object' || node === null) return undefined;
    const segment = segments[index]!;
    const schema = node as Record<string, unknown>;
    if (segment === '$ref') {
      node = resolveRef(root, schema.$ref);
      continue;
    }
    const value = schema[segment];
    const indexed = (LIST.has(segment) && Array.isArray(value)) || MAP.has(segment);
    node = indexed && index + 1 < segments.length - 1 ? (value as Record<string, unknown>)[segments[++index]!] : value;
  }
  return typeof node === 'object' && node !== null ? (node as SchemaObject) : undefined;
}
