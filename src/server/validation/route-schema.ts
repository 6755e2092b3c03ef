import { type JsonSchema, type SchemaIssue, validateAgainstSchema } from '../../json-schema/index.ts';

/**
 * The route table's check of a parameter's value (issues named from `path`, '' by default) or of a body (`body`).
 * `root` is where `$ref`s resolve, which for every route schema is the schema itself.
 */
export function validateJsonSchema(
  schema: JsonSchema,
  value: unknown,
  root: JsonSchema = schema,
  path = '',
): SchemaIssue[] {
  if (root !== schema) throw new Error('a route schema resolves its $refs against itself');
  return validateAgainstSchema(schema, value, path);
}
