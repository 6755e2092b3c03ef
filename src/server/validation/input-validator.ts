import type { JsonSchema as GeneratedSchema } from '../../generator/schema/json-schema.ts';
import { compileSchema, type SchemaError } from '../../generator/schema/validate.ts';
import type { JsonSchema, SchemaIssue } from './json-schema.ts';

/** Compiled once per parsed schema: the catalog keeps a schema object for as long as build/ does not change. */
const compiled = new WeakMap<object, (value: unknown) => SchemaError[]>();

/**
 * Checks an execution input against the workflow's generated input schema with the generator's own validator (the
 * one that knows exactly the subset it writes), naming fields from `body`: `body.files[0].source`.
 */
export function executionInputIssues(schema: JsonSchema, input: unknown): SchemaIssue[] {
  if (schema === true) return [];
  if (schema === false) return [{ path: 'body', message: 'is not accepted: the workflow takes no input' }];
  let check = compiled.get(schema);
  if (!check) {
    check = compileSchema(schema as GeneratedSchema);
    compiled.set(schema, check);
  }
  return check(input).map((issue) => ({ path: issue.path.replace(/^\$/, 'body'), message: issue.message }));
}
