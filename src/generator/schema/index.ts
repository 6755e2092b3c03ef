// Light on purpose: the server imports this face (or validate.ts). The ts-morph half, from-type.ts, is imported by
// the generator only.
export { type JsonSchema, type JsonSchemaType, JSON_SCHEMA_DIALECT } from './json-schema.ts';
export { childPath, compileSchema, type SchemaError, validateAgainstSchema } from './validate.ts';
