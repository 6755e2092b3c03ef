// stepforge/testing/task-containers: fakes for the task-container steps (the four built-ins and a project's own)
// that run the real task code (tasks/*) on in-memory S3/SQS or LocalStack. Its own entry, because the runner itself
// must not import tasks/ (its users who mock every task should not load the workers' code and the SDK clients).
export { memoryS3Client, memorySqsClient } from './fake-clients.ts';
export {
  type FakeResult,
  type ProjectTask,
  type TaskContainerFakeOptions,
  type TaskContainerTarget,
  taskContainerFake,
  taskContainerFakes,
} from './fakes.ts';
export { MemorySqs } from './memory-sqs.ts';
