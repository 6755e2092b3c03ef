// `stepforge import`: an existing ASL definition (JSON, JSON5 or YAML; a state machine or a single state) -> DSL
// source. Pure: text in, text out; the CLI edge reads and writes the files.
export { ImportError } from './import-error.ts';
export {
  type DefinitionKind,
  importDefinition,
  type ImportOptions,
  type ImportResult,
  workflowNameFor,
} from './import-definition.ts';
export { readDefinition } from './read-definition.ts';
