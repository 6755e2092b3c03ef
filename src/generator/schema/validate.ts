// Validates JSON values against the schema subset the generator writes. The server imports this file directly:
// it must stay free of ts-morph and of Node APIs (it runs under Node, Bun and Deno).
import type { JsonSchema, JsonSchemaType } from './json-schema.ts';

export interface SchemaError {
  /** JSONPath of the field at fault: `$` is the whole body, `$.files[0].source` a nested field. */
  readonly path: string;
  readonly message: string;
}

type Check = (value: unknown, path: string, errors: SchemaError[]) => void;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
// RFC 3339 date-time, as JSON Schema's "date-time" format defines it.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function typeOf(value: unknown): JsonSchemaType | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonSchemaType | 'undefined';
}

function matchesType(value: unknown, expected: JsonSchemaType): boolean {
  const actual = typeOf(value);
  return actual === expected || (expected === 'number' && actual === 'integer');
}

function describe(value: unknown): string {
  const type = typeOf(value);
  return type === 'integer' ? 'number' : type;
}

/** Compiles a schema once into a tree of closures, so validating a request is a walk over the body only. */
export function compileSchema(root: JsonSchema): (value: unknown) => SchemaError[] {
  const compiled = new Map<JsonSchema, Check>();

  const resolve = (ref: string): JsonSchema => {
    const match = /^#\/\$defs\/(.+)$/.exec(ref);
    const target = match ? root.$defs?.[decodeURIComponent(match[1]!)] : ref === '#' ? root : undefined;
    if (!target) throw new Error(`schema: cannot resolve $ref "${ref}"`);
    return target;
  };

  const compile = (schema: JsonSchema): Check => {
    const known = compiled.get(schema);
    if (known) return known;
    const checks: Check[] = [];
    // Registered before its parts compile, so a recursive $ref finds it.
    const check: Check = (value, path, errors) => {
      for (const part of checks) part(value, path, errors);
    };
    compiled.set(schema, check);

    if (schema.$ref !== undefined) {
      const target = schema.$ref;
      checks.push((value, path, errors) => compile(resolve(target))(value, path, errors));
    }
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      checks.push((value, path, errors) => {
        if (!types.some((type) => matchesType(value, type))) errors.push({ path, message: `must be ${types.join(' or ')}, got ${describe(value)}` });
      });
    }
    if (schema.enum !== undefined) {
      const allowed = schema.enum;
      checks.push((value, path, errors) => {
        if (!allowed.some((option) => option === value)) errors.push({ path, message: `must be one of ${allowed.map((o) => JSON.stringify(o)).join(', ')}` });
      });
    }
    if (schema.const !== undefined) {
      const expected = schema.const;
      checks.push((value, path, errors) => {
        if (value !== expected) errors.push({ path, message: `must be ${JSON.stringify(expected)}` });
      });
    }
    if (schema.format === 'date-time') {
      checks.push((value, path, errors) => {
        if (typeof value === 'string' && !(DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)))) errors.push({ path, message: 'must be an RFC 3339 date-time' });
      });
    }
    addObjectChecks(schema, checks, compile);
    addArrayChecks(schema, checks, compile);
    if (schema.anyOf !== undefined) {
      const options = schema.anyOf.map((option) => () => compile(option));
      checks.push((value, path, errors) => {
        const attempts = options.map((option) => {
          const found: SchemaError[] = [];
          option()(value, path, found);
          return found;
        });
        if (attempts.some((found) => found.length === 0)) return;
        // Report the closest option: one whose shape matched (errors only deeper down), with the fewest errors.
        const isShallow = (found: SchemaError[]) => found.every((error) => error.path === path);
        const deep = attempts.filter((found) => !isShallow(found));
        if (deep.length === 0) errors.push({ path, message: 'matches none of the allowed shapes' });
        else errors.push(...deep.reduce((best, found) => (found.length < best.length ? found : best)));
      });
    }
    return check;
  };

  const check = compile(root);
  return (value) => {
    const errors: SchemaError[] = [];
    check(value, '$', errors);
    return errors;
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function addObjectChecks(schema: JsonSchema, checks: Check[], compile: (schema: JsonSchema) => Check): void {
  const properties = Object.entries(schema.properties ?? {});
  const required = schema.required ?? [];
  const additional = schema.additionalProperties;
  if (properties.length === 0 && required.length === 0 && additional === undefined) return;
  const declared = new Set(properties.map(([name]) => name));
  checks.push((value, path, errors) => {
    if (!isPlainObject(value)) return; // `type` reports the mismatch
    for (const name of required) {
      if (!(name in value) || value[name] === undefined) errors.push({ path: childPath(path, name), message: 'is required' });
    }
    for (const [name, propertySchema] of properties) {
      if (value[name] !== undefined) compile(propertySchema)(value[name], childPath(path, name), errors);
    }
    if (additional === undefined || additional === true) return;
    for (const [name, inner] of Object.entries(value)) {
      if (declared.has(name)) continue;
      if (additional === false) errors.push({ path: childPath(path, name), message: 'is not an allowed field' });
      else compile(additional)(inner, childPath(path, name), errors);
    }
  });
}

function addArrayChecks(schema: JsonSchema, checks: Check[], compile: (schema: JsonSchema) => Check): void {
  const { items, prefixItems = [], minItems, maxItems } = schema;
  if (items === undefined && prefixItems.length === 0 && minItems === undefined && maxItems === undefined) return;
  checks.push((value, path, errors) => {
    if (!Array.isArray(value)) return;
    if (minItems !== undefined && value.length < minItems) errors.push({ path, message: `must hold at least ${minItems} items` });
    if (maxItems !== undefined && value.length > maxItems) errors.push({ path, message: `must hold at most ${maxItems} items` });
    value.forEach((item, index) => {
      const itemSchema = index < prefixItems.length ? prefixItems[index] : items;
      if (itemSchema === false) errors.push({ path: childPath(path, index), message: 'is not allowed here' });
      else if (itemSchema !== undefined && itemSchema !== true) compile(itemSchema)(item, childPath(path, index), errors);
    });
  });
}

/** One-shot form; prefer `compileSchema` when validating many values against one schema. */
export function validateAgainstSchema(schema: JsonSchema, value: unknown): SchemaError[] {
  return compileSchema(schema)(value);
}
