// Type-level agreement between the payload contracts (src/contracts), the DSL's typed steps and the workers. Checked
// by payload-agreement.test.ts with the TypeScript compiler: any error here fails the test, and so does an unused
// `@ts-expect-error` (the proof that `Equal` tells a difference).
import type * as contract from '../../src/contracts/index.ts';
import type {
  TASK_INPUT_FIELDS,
  TASK_OUTPUT_FIELDS,
  TaskContainerName,
  TaskContainers,
} from '../../src/contracts/index.ts';
import type * as dsl from '../../src/dsl/index.ts';
import type { ActionTaskInput, ObjectActionTaskOutput } from '../../tasks/action/action-task.ts';
import type { ConsumeInput as WorkerConsumeInput } from '../../tasks/consume/input.ts';
import type { ConsumeOutput as WorkerConsumeOutput } from '../../tasks/consume/consume.ts';
import type { ListAndPublishOutput as WorkerListAndPublishOutput } from '../../tasks/list-and-publish/index.ts';
import type { ListAndPublishInput as WorkerListAndPublishInput } from '../../tasks/list-and-publish/input.ts';
import type { ZipArchiveOutput as WorkerZipArchiveOutput } from '../../tasks/zip-archive/create-archive.ts';
import type { ZipArchiveFileRequest, ZipArchivePayload } from '../../tasks/zip-archive/payload.ts';
import type { TaskDefinition } from '../../tasks/runtime/task.ts';
import type { consumeTask } from '../../tasks/consume/index.ts';
import type { listAndPublishTask } from '../../tasks/list-and-publish/index.ts';
import type { actionTask } from '../../tasks/action/action-task.ts';
import type { zipArchiveTask } from '../../tasks/zip-archive/zip-archive-task.ts';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

// The DSL's typed steps take and give exactly the contract's payloads.
export type DslPayloads = [
  Expect<Equal<dsl.TaskContainers, TaskContainers>>,
  Expect<Equal<dsl.ConsumeInput, contract.ConsumeInput>>,
  Expect<Equal<dsl.ConsumeOutput, contract.ConsumeOutput>>,
];

// Each worker reads every field of its contract input (no more, no fewer) and returns the contract output.
type Parsed<Definition> = Definition extends TaskDefinition<infer Input, unknown> ? Input : never;
type Output<Definition> = Definition extends TaskDefinition<unknown, infer Result> ? Result : never;
export type WorkerPayloads = [
  Expect<Equal<keyof Parsed<typeof consumeTask>, keyof contract.ConsumeInput>>,
  Expect<Equal<Parsed<typeof consumeTask>, WorkerConsumeInput>>,
  Expect<
    Equal<
      Omit<WorkerConsumeInput, 'action'>,
      Omit<contract.ParsedInput<contract.ConsumeInput, 'concurrency' | 'idleSeconds' | 'deleteSource'>, 'action'>
    >
  >,
  Expect<Equal<Output<typeof consumeTask>, contract.ConsumeOutput>>,
  Expect<Equal<WorkerConsumeOutput, contract.ConsumeOutput>>,
  Expect<Equal<keyof Parsed<typeof listAndPublishTask>, keyof contract.ListAndPublishInput>>,
  Expect<Equal<WorkerListAndPublishInput, contract.ParsedInput<contract.ListAndPublishInput, 'include'>>>,
  Expect<Equal<WorkerListAndPublishOutput, contract.ListAndPublishOutput>>,
  Expect<Equal<keyof Parsed<typeof actionTask>, keyof contract.ActionInput>>,
  Expect<Equal<keyof ActionTaskInput, keyof contract.ActionInput>>,
  Expect<Equal<ObjectActionTaskOutput, contract.ActionOutput>>,
  Expect<Equal<keyof Parsed<typeof zipArchiveTask>, keyof contract.ZipArchiveInput>>,
  Expect<Equal<keyof ZipArchivePayload, keyof contract.ZipArchiveInput>>,
  Expect<
    Equal<Pick<ZipArchiveFileRequest, keyof contract.ZipArchiveFile>['source'], contract.ZipArchiveFile['source']>
  >,
  Expect<Equal<Output<typeof zipArchiveTask>, contract.ZipArchiveOutput>>,
  Expect<Equal<WorkerZipArchiveOutput, contract.ZipArchiveOutput>>,
];

// The run-time field lists (for the docs check) name every field of every payload.
type Listed<
  Lists extends Record<TaskContainerName, readonly string[]>,
  Task extends TaskContainerName,
> = Lists[Task][number];
export type FieldLists = [
  Expect<Equal<Listed<typeof TASK_INPUT_FIELDS, 'consume'>, keyof contract.ConsumeInput>>,
  Expect<Equal<Listed<typeof TASK_INPUT_FIELDS, 'list-and-publish'>, keyof contract.ListAndPublishInput>>,
  Expect<Equal<Listed<typeof TASK_INPUT_FIELDS, 'action'>, keyof contract.ActionInput>>,
  Expect<Equal<Listed<typeof TASK_INPUT_FIELDS, 'zip-archive'>, keyof contract.ZipArchiveInput>>,
  Expect<Equal<Listed<typeof TASK_OUTPUT_FIELDS, 'consume'>, keyof contract.ConsumeOutput>>,
  Expect<Equal<Listed<typeof TASK_OUTPUT_FIELDS, 'list-and-publish'>, keyof contract.ListAndPublishOutput>>,
  Expect<Equal<Listed<typeof TASK_OUTPUT_FIELDS, 'action'>, keyof contract.ActionOutput>>,
  Expect<Equal<Listed<typeof TASK_OUTPUT_FIELDS, 'zip-archive'>, keyof contract.ZipArchiveOutput>>,
];

// The drift issue 11 found: a worker input without `legacyBucket` no longer equals the contract.
export type Drift = [
  // @ts-expect-error a field the worker reads but the contract lacks (or the reverse) is a difference
  Expect<Equal<keyof Omit<WorkerConsumeInput, 'legacyBucket'>, keyof contract.ConsumeInput>>,
  // @ts-expect-error so is a field the list leaves out
  Expect<Equal<'queueUrl' | 'action', keyof contract.ConsumeInput>>,
];
