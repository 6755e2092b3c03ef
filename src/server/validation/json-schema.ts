/**
 * A small JSON Schema (2020-12 subset) checker with no runtime-specific APIs for the route table's own schemas
 * (params, query, headers, fixed bodies), which use keywords the generator never writes (pattern, minimum, ...).
 * Execution inputs go through the generator's validator instead (input-validator.ts).
 */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

export interface SchemaIssue {
  /** Where, in the style of a property access: `files[0].source`; empty for the value itself. */
  readonly path: string;
  readonly message: string;
}

type SchemaObject = { readonly [keyword: string]: unknown };

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

function equal(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return typeof node === 'object' || typeof node === 'boolean' ? (node as JsonSchema) : undefined;
}

function check(root: JsonSchema, schema: JsonSchema, value: unknown, path: string, issues: SchemaIssue[]): void {
  if (schema === true) return;
  if (schema === false) {
    issues.push({ path, message: 'is not allowed' });
    return;
  }
  const s: SchemaObject = schema;
  if (typeof s.$ref === 'string') {
    const target = resolveRef(root, s.$ref);
    if (target !== undefined) check(root, target, value, path, issues);
  }
  if (s.type !== undefined) {
    const types = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
    if (!types.some((type) => matchesType(value, type))) {
      issues.push({ path, message: `must be ${types.join(' or ')}, got ${typeOf(value)}` });
      return;
    }
  }
  if (s.const !== undefined && !equal(s.const, value)) issues.push({ path, message: `must be ${JSON.stringify(s.const)}` });
  if (Array.isArray(s.enum) && !s.enum.some((option) => equal(option, value))) {
    issues.push({ path, message: `must be one of ${s.enum.map((option) => JSON.stringify(option)).join(', ')}` });
  }
  if (typeof value === 'string') checkString(s, value, path, issues);
  if (typeof value === 'number') checkNumber(s, value, path, issues);
  if (Array.isArray(value)) checkArray(root, s, value, path, issues);
  else if (typeof value === 'object' && value !== null) checkObject(root, s, value as Record<string, unknown>, path, issues);
  checkCombinators(root, s, value, path, issues);
}

function checkString(s: SchemaObject, value: string, path: string, issues: SchemaIssue[]): void {
  const length = [...value].length;
  if (typeof s.minLength === 'number' && length < s.minLength) {
    issues.push({ path, message: `must be at least ${s.minLength} characters long` });
  }
  if (typeof s.maxLength === 'number' && length > s.maxLength) {
    issues.push({ path, message: `must be at most ${s.maxLength} characters long` });
  }
  if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) {
    issues.push({ path, message: `must match ${s.pattern}` });
  }
}

function checkNumber(s: SchemaObject, value: number, path: string, issues: SchemaIssue[]): void {
  if (typeof s.minimum === 'number' && value < s.minimum) issues.push({ path, message: `must be >= ${s.minimum}` });
  if (typeof s.maximum === 'number' && value > s.maximum) issues.push({ path, message: `must be <= ${s.maximum}` });
  if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) {
    issues.push({ path, message: `must be > ${s.exclusiveMinimum}` });
  }
  if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) {
    issues.push({ path, message: `must be < ${s.exclusiveMaximum}` });
  }
}

function checkArray(root: JsonSchema, s: SchemaObject, value: unknown[], path: string, issues: SchemaIssue[]): void {
  if (typeof s.minItems === 'number' && value.length < s.minItems) {
    issues.push({ path, message: `must have at least ${s.minItems} items` });
  }
  if (typeof s.maxItems === 'number' && value.length > s.maxItems) {
    issues.push({ path, message: `must have at most ${s.maxItems} items` });
  }
  const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as JsonSchema[]) : [];
  value.forEach((item, index) => {
    const itemSchema = index < prefix.length ? prefix[index] : (s.items as JsonSchema | undefined);
    if (itemSchema !== undefined) check(root, itemSchema, item, childPath(path, index), issues);
  });
  if (s.uniqueItems === true && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) {
    issues.push({ path, message: 'must not contain duplicate items' });
  }
}

function checkObject(
  root: JsonSchema,
  s: SchemaObject,
  value: Record<string, unknown>,
  path: string,
  issues: SchemaIssue[],
): void {
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
  for (const name of (s.required ?? []) as string[]) {
    if (!(name in value)) issues.push({ path: childPath(path, name), message: 'is required' });
  }
  for (const [name, item] of Object.entries(value)) {
    const propertySchema = properties[name];
    if (propertySchema !== undefined) check(root, propertySchema, item, childPath(path, name), issues);
    else if (s.additionalProperties !== undefined) {
      check(root, s.additionalProperties as JsonSchema, item, childPath(path, name), issues);
    }
  }
}

function checkCombinators(root: JsonSchema, s: SchemaObject, value: unknown, path: string, issues: SchemaIssue[]): void {
  for (const sub of (s.allOf ?? []) as JsonSchema[]) check(root, sub, value, path, issues);
  const passing = (list: JsonSchema[]) => list.filter((sub) => validateJsonSchema(sub, value, root).length === 0).length;
  if (Array.isArray(s.anyOf) && passing(s.anyOf as JsonSchema[]) === 0) {
    // Report the closest alternative's issues: the one with fewest problems names the field best.
    const best = (s.anyOf as JsonSchema[])
      .map((sub) => validateJsonSchema(sub, value, root, path))
      .sort((left, right) => left.length - right.length)[0];
    issues.push(...(best?.length ? best : [{ path, message: 'must match one of the allowed shapes' }]));
  }
  if (Array.isArray(s.oneOf) && passing(s.oneOf as JsonSchema[]) !== 1) {
    issues.push({ path, message: 'must match exactly one of the allowed shapes' });
  }
  if (s.not !== undefined && validateJsonSchema(s.not as JsonSchema, value, root).length === 0) {
    issues.push({ path, message: 'must not match the excluded shape' });
  }
}

/** All the ways `value` breaks `schema` (empty when it conforms). `$ref`s resolve against `root`. */
export function validateJsonSchema(schema: JsonSchema, value: unknown, root: JsonSchema = schema, path = ''): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(root, schema, value, path, issues);
  return issues;
}
