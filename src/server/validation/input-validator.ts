import { compileSchema, type JsonSchema, type SchemaIssue } from '../../json-schema/index.ts';

/** Checks an execution input against the workflow's generated input schema, naming fields from `body`: `body.files[0].source`. */
export function executionInputIssues(schema: JsonSchema, input: unknown): SchemaIssue[] {
  if (schema === false) return [{ path: 'body', message: 'is not accepted: the workflow takes no input' }];
  return compileSchema(schema, 'body')(input);
}
