export { executionInputIssues } from './input-validator.ts';
export { type JsonSchema, type SchemaIssue, validateJsonSchema } from './json-schema.ts';
