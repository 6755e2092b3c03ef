// The worker runtime's public face: the task contract, named errors, and the two ways to run a task.
export type { AnyTaskDefinition, StandaloneContext, TaskContext, TaskDefinition } from './task.ts';
export { invalidInput, TaskError, toTaskFailure, WORKER_SHUTDOWN_ERROR } from './task-error.ts';
export { executeTask, type TaskOutcome } from './execute-task.ts';
export { DEFAULT_HEARTBEAT_INTERVAL_SECONDS, type DispatchMode, runWorker, type WorkerOptions } from './worker.ts';
export { readDeploymentTargets, resolveActivityArn, resolveQueueUrl } from './resolve-targets.ts';
export { activityName, dispatchDlqName, dispatchQueueName } from './resource-names.ts';
export {
  DEFAULT_VISIBILITY,
  type IntakeHandler,
  type IntakeSummary,
  type MessageOutcome,
  runSqsIntake,
  type SqsIntakeOptions,
  VisibilityExtender,
  type VisibilityOptions,
} from './sqs-intake/index.ts';
export { awsErrorName, errorMessage, httpStatusOf, isAccessDenied, isAwsError, isQueueMissing } from './aws-error.ts';
export { type Shutdown, watchShutdown } from './shutdown.ts';
export { InputReader, describe } from './input-fields.ts';
