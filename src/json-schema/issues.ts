import type { OutputUnit } from '@cfworker/json-schema';
import { childPath, locate, pointerSegments } from './locations.ts';
import { type PreparedSchema, schemaHolding } from './prepared-schema.ts';
import type { SchemaIssue } from './schema.ts';

type SchemaObject = { readonly [keyword: string]: unknown };

/** Keywords the library reports above the errors of their subschemas: those errors say what is wrong. */
const WRAPPERS = new Set([
  '$ref',
  '$recursiveRef',
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'allOf',
  'if',
  'dependentSchemas',
  'dependencies',
  'propertyNames',
]);

/** A JSON type name as people say it: integers are numbers too. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const json = (value: unknown) => JSON.stringify(value);

/** What a `false` subschema means where it stands. */
function falseMessage(keywordLocation: string): string {
  const segments = pointerSegments(keywordLocation);
  const owner = segments.slice(0, -1).findLast((segment) => !/^\d+$/.test(segment));
  if (owner === 'additionalProperties' || owner === 'unevaluatedProperties') return 'is not an allowed field';
  if (owner === 'items' || owner === 'prefixItems' || owner === 'additionalItems') return 'is not allowed here';
  return 'is not allowed';
}

function message(
  keyword: string,
  schema: SchemaObject,
  value: unknown,
  unit: OutputUnit,
  prepared: PreparedSchema,
): string {
  switch (keyword) {
    case 'type': {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [String(schema.type)];
      return `must be ${types.join(' or ')}, got ${jsonType(value)}`;
    }
    case 'const':
      return `must be ${json(schema.const)}`;
    case 'enum':
      return `must be one of ${(schema.enum as unknown[]).map(json).join(', ')}`;
    case 'not':
      return prepared.falseMarks.has(schema) ? falseMessage(unit.keywordLocation) : 'must not match the excluded shape';
    case 'oneOf':
      return 'must match exactly one of the allowed shapes';
    case 'minLength':
      return `must be at least ${schema.minLength} characters long`;
    case 'maxLength':
      return `must be at most ${schema.maxLength} characters long`;
    case 'pattern':
      return `must match ${schema.pattern}`;
    case 'format':
      return schema.format === 'date-time' ? 'must be an RFC 3339 date-time' : `must be a valid ${schema.format}`;
    case 'minimum':
      return `must be >= ${schema.minimum}`;
    case 'maximum':
      return `must be <= ${schema.maximum}`;
    case 'exclusiveMinimum':
      return `must be > ${schema.exclusiveMinimum}`;
    case 'exclusiveMaximum':
      return `must be < ${schema.exclusiveMaximum}`;
    case 'multipleOf':
      return `must be a multiple of ${schema.multipleOf}`;
    case 'minItems':
      return `must hold at least ${schema.minItems} items`;
    case 'maxItems':
      return `must hold at most ${schema.maxItems} items`;
    case 'uniqueItems':
      return 'must not contain duplicate items';
    case 'minProperties':
      return `must have at least ${schema.minProperties} fields`;
    case 'maxProperties':
      return `must have at most ${schema.maxProperties} fields`;
    default:
      return unit.error;
  }
}

/** The issues of the option closest to the value: one whose shape matched (its errors lie deeper), fewest first. */
function closestOption(options: SchemaIssue[][], path: string): SchemaIssue[] {
  const deep = options.filter((issues) => issues.some((issue) => issue.path !== path));
  if (deep.length === 0) return [{ path, message: 'matches none of the allowed shapes' }];
  return deep.reduce((best, issues) => (issues.length < best.length ? issues : best));
}

/**
 * Turns the library's error list into issues a person can act on, one a field, in the order the schema checks them.
 * The list is flat and in evaluation order: a wrapper (`properties`, `$ref`, ...) comes just before its subschemas'
 * errors, and every error below a keyword has that keyword's location as its prefix.
 */
export function issuesOf(
  units: readonly OutputUnit[],
  instance: unknown,
  root: string,
  prepared: PreparedSchema,
): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const requiredDone = new Set<string>();
  for (let index = 0; index < units.length; index++) {
    const unit = units[index]!;
    const { keyword, keywordLocation, instanceLocation } = unit;
    if (WRAPPERS.has(keyword)) continue;
    const { value, path } = locate(instance, instanceLocation, root);
    if (keyword === 'anyOf' || keyword === 'oneOf') {
      const inside = `${keywordLocation}/`;
      let end = index + 1;
      while (end < units.length && units[end]!.keywordLocation.startsWith(inside)) end++;
      const nested = units.slice(index + 1, end);
      index = end - 1;
      if (keyword === 'oneOf') {
        issues.push({ path, message: message(keyword, {}, value, unit, prepared) });
        continue;
      }
      const byOption = new Map<string, OutputUnit[]>();
      for (const inner of nested) {
        const option = inner.keywordLocation.slice(inside.length).split('/')[0]!;
        byOption.set(option, [...(byOption.get(option) ?? []), inner]);
      }
      issues.push(
        ...closestOption(
          [...byOption.values()].map((group) => issuesOf(group, instance, root, prepared)),
          path,
        ),
      );
      continue;
    }
    const schema = schemaHolding(prepared.schema, keywordLocation) ?? {};
    if (keyword === 'required') {
      // The library reports each missing field alone; report them all at once, by name.
      const key = `${instanceLocation} ${keywordLocation}`;
      if (requiredDone.has(key)) continue;
      requiredDone.add(key);
      const present = typeof value === 'object' && value !== null ? value : {};
      for (const name of (schema.required as string[] | undefined) ?? []) {
        if (!Object.hasOwn(present, name)) issues.push({ path: childPath(path, name), message: 'is required' });
      }
      continue;
    }
    issues.push({ path, message: message(keyword, schema, value, unit, prepared) });
  }
  return issues;
}
