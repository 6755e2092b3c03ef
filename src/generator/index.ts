// The generator: workflows/*.ts -> build/ (ASL JSON/YAML, input schemas, diagrams, manifest) and
// serverless-localstack.yml, with an analyser that names the DSL call at fault.
export {
  analyse,
  type AnalyseOptions,
  type Finding,
  formatFinding,
  hasErrors,
  type Severity,
  type SourceLocation,
} from './analyse/index.ts';
export {
  generate,
  type GenerateOptions,
  type GenerateOutcome,
  type Target,
  type WorkflowFinding,
  writeOutcome,
} from './generate.ts';
export { GenerateError } from './generate-error.ts';
export { canonicalAsl } from './write/canonical-asl.ts';
export { toMermaid } from './write/mermaid.ts';
export { toJsonText, toYamlText } from './write/text-formats.ts';
export { type JsonSchema, compileSchema, type SchemaError, validateAgainstSchema } from './schema/index.ts';
