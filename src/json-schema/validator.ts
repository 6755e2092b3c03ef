import { type Schema, Validator } from '@cfworker/json-schema';
import { issuesOf } from './issues.ts';
import { prepareSchema } from './prepared-schema.ts';
import type { JsonSchema, SchemaIssue } from './schema.ts';

type Check = (value: unknown) => SchemaIssue[];

/** One compiled check per schema object: the catalog and the route table keep theirs for as long as they live. */
const compiled = new WeakMap<object, Map<string, Check>>();

function build(schema: JsonSchema, root: string): Check {
  if (schema === true) return () => [];
  if (schema === false) return () => [{ path: root, message: 'is not allowed' }];
  const prepared = prepareSchema(schema);
  // An interpreter, not generated code: no eval or new Function, so it runs on edge runtimes too. All errors, not
  // the first: the closest anyOf option and every missing field are picked from them.
  const validator = new Validator(prepared.schema as Schema, '2020-12', false);
  const check: Check = (value) => {
    if (value === undefined) return [{ path: root, message: 'is required' }];
    const result = validator.validate(value);
    return result.valid ? [] : issuesOf(result.errors, value, root, prepared);
  };
  return (value) => {
    try {
      return check(value);
    } catch (error) {
      // The library refuses what JSON cannot hold (an `undefined` field from code rather than from a parsed body); such
      // a value is checked as the JSON it would be sent as.
      if (!(error instanceof Error && error.message.startsWith('Instances of'))) throw error;
      return check(JSON.parse(JSON.stringify(value) ?? 'null'));
    }
  };
}

/**
 * Compiles a JSON Schema (2020-12; any object type, such as the generator's own JsonSchema interface) into a check of values against it. Each issue names its field from `root`: `$`
 * (the default) gives `$.files[0].source`, `body` gives `body.files[0].source`, `""` gives `files[0].source`.
 */
export function compileSchema(schema: JsonSchema | object, root = '$'): Check {
  if (typeof schema === 'boolean') return build(schema, root);
  let byRoot = compiled.get(schema);
  if (!byRoot) {
    byRoot = new Map();
    compiled.set(schema, byRoot);
  }
  let check = byRoot.get(root);
  if (!check) {
    check = build(schema as JsonSchema, root);
    byRoot.set(root, check);
  }
  return check;
}

/** All the ways `value` breaks `schema`, empty when it conforms. */
export function validateAgainstSchema(schema: JsonSchema | object, value: unknown, root = '$'): SchemaIssue[] {
  return compileSchema(schema, root)(value);
}
