export { type BuildReader, memoryBuildReader } from './build-reader.ts';
export {
  type CatalogOptions,
  createWorkflowCatalog,
  type WorkflowCatalog,
  type WorkflowDetails,
  type WorkflowEntry,
} from './catalog.ts';
export { snapshotBuild } from './snapshot.ts';
export { type DeployedWorkflow, type Deployment, parseDeployment } from '../../contracts/index.ts';
