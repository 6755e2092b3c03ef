// stepforge/testing: run a workflow in-process, as Step Functions would, with mocked tasks and virtual time.
export { TaskTokenError } from './callbacks.ts';
export { RunnerError, STATES, StatesError } from './errors.ts';
export type { HistoryEvent } from './history.ts';
export type { ChildExecution, MapRun } from './interpreter/distributed-map/index.ts';
export type { StepRow } from '../contracts/steps/index.ts';
export {
  fail,
  failOn,
  type MocksFor,
  type ResourceKey,
  TaskFailure,
  type TaskCall,
  type TaskHandler,
  type TaskMocks,
  type TypedTaskMocks,
} from './mocks.ts';
export { type RedriveOptions, redrive } from './redrive.ts';
export { type RunOptions, type RunResult, type RunStatus, runWorkflow } from './run-workflow.ts';
export type { WorkflowSource } from './definition.ts';
export { MemoryS3, type S3Seed } from './s3/index.ts';
