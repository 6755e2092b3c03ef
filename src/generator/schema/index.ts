// The ts-morph half, from-type.ts, is imported by the generator only. Validation is src/json-schema's, re-exported for
// the generator's users.
export { type JsonSchema, type JsonSchemaType, JSON_SCHEMA_DIALECT } from './json-schema.ts';
export {
  childPath,
  compileSchema,
  type SchemaIssue as SchemaError,
  validateAgainstSchema,
} from '../../json-schema/index.ts';
