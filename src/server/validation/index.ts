export type { JsonSchema, SchemaIssue } from '../../json-schema/index.ts';
export { executionInputIssues } from './input-validator.ts';
export { validateJsonSchema } from './route-schema.ts';
