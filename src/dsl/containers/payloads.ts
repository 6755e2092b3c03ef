// The task containers' payloads are contracts shared with the workers and the docs (src/contracts); the DSL's typed
// steps use them from there.
export type {
  ActionInput,
  ActionOutput,
  ActionResult,
  ActionSpec,
  ConsumeInput,
  ConsumeOutput,
  IncludedField,
  ListAndPublishInput,
  ListAndPublishOutput,
  S3ObjectRef,
  TaskContainerName,
  TaskContainers,
  ZipArchiveFile,
  ZipArchiveInput,
  ZipArchiveOutput,
} from '../../contracts/index.ts';
