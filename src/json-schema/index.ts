// The one JSON Schema validator (server routes, execution inputs, the generator's tests): @cfworker/json-schema, which
// runs on Node, Bun, Deno and edge runtimes, behind one formatter of issues (`body.files[0].source: must be string, got
// number`).
export { childPath } from './locations.ts';
export type { JsonSchema, SchemaIssue } from './schema.ts';
export { compileSchema, validateAgainstSchema } from './validator.ts';
