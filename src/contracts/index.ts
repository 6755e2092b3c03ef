// The shapes that cross the project's seams, with no I/O and no imports from the rest of the project: task payloads,
// a workflow's resources, deployment.json and its reader, canonical JSON, the string order every generated file uses.
export { compareCodeUnits } from './compare.ts';
export { canonicalJson, sameJson } from './canonical-json.ts';
export type { JsonValue } from './json-value.ts';
export {
  DEPLOYMENT_FILE,
  type DeployedWorkflow,
  type Deployment,
  DeploymentFileError,
  type DeploymentQueue,
  parseDeployment,
} from './deployment.ts';
export * from './task-payloads.ts';
export type { QueueSpec, WorkflowResources } from './workflow-resources.ts';
export type * from './definition-types.ts';
export * from './steps/index.ts';
