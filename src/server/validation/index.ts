export { type JsonSchema, type SchemaIssue, validateJsonSchema } from './json-schema.ts';
