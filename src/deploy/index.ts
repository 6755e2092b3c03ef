// Deploy: make an account (AWS or LocalStack) match the generator's build folder, idempotently.
export { deploy, type DeployOptions, type DeployResult, planDeployment } from './deploy.ts';
export { DeployError } from './deploy-error.ts';
export { DEPLOYMENT_FILE, type Deployment, type DeployedWorkflow, type DeploymentQueue } from '../contracts/index.ts';
export { readDeployment, workflowArn } from './deployment-file.ts';
export {
  MANIFEST_FILE,
  type Manifest,
  type ManifestQueue,
  type ManifestWorkflow,
  parseManifest,
  readManifest,
} from './manifest.ts';
export { formatAction, formatPlan, formatReport } from './report.ts';
export { LOCALSTACK_ROLE_ARN, resolveRoleArn } from './role.ts';
export { MANAGED_TAG, PREFIX_TAG } from './ownership.ts';
export type { Change, PlannedAction, PlannedRemoval } from './plan.ts';
