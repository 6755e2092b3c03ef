// The task containers' payloads as a workflow sends and receives them (CONTRACT.md, "Task containers"). The DSL's typed
// steps take these types, the workers build their parsed inputs from them and return these outputs, and
// tasks/README.md lists these fields; test/contracts/ fails when one of them disagrees.
import type { JsonValue } from './json-value.ts';

export interface S3ObjectRef {
  readonly bucket: string;
  readonly key: string;
}

export interface ActionSpec {
  /** A built-in action (`http-post`, `s3-copy`, `daily-merge`) or a project's own (`defineAction`, tasks/README.md). */
  readonly name: string;
  readonly params?: { readonly [name: string]: unknown };
}

/** Object fields a published message may carry besides bucket and key. */
export type IncludedField = 'size' | 'etag';

export interface ListAndPublishInput {
  readonly bucket: string;
  readonly prefix?: string;
  readonly startAfter?: string;
  /** Stop after this many objects (in listing order); absent lists everything. */
  readonly maxObjects?: number;
  readonly queueUrl: string;
  /** FIFO queues only; default one group per bucket (the bucket name). */
  readonly messageGroupId?: string;
  readonly include?: readonly IncludedField[];
}

export interface ListAndPublishOutput {
  readonly published: number;
  readonly queueUrl: string;
  /** First and last key published, in listing order; null when nothing was. */
  readonly firstKey: string | null;
  readonly lastKey: string | null;
}

export interface ConsumeInput {
  readonly queueUrl: string;
  readonly action: ActionSpec;
  /** Actions (or, for a batch action, received batches) running at once; default 10. */
  readonly concurrency?: number;
  /** Stop once the queue stayed empty this long; default 20. */
  readonly idleSeconds?: number;
  /** Stop receiving after this many messages; default no limit. */
  readonly maxMessages?: number;
  /** Delete the S3 object after its action succeeded, before the message; default false. */
  readonly deleteSource?: boolean;
  /** The bucket a legacy body `{"name", "path"}` means (its key is `name`); without it such bodies are invalid. */
  readonly legacyBucket?: string;
  /** Visibility a failed message gets, i.e. the delay before its redelivery; default: left as it was (<= 60 s). */
  readonly retryDelaySeconds?: number;
}

export interface ConsumeOutput {
  readonly received: number;
  /** Messages whose action succeeded (or that a batch action filtered out) and that were deleted. */
  readonly succeeded: number;
  /** Messages left in the queue: invalid bodies, missing objects, failed actions, refused deletes. */
  readonly failed: number;
}

export interface ActionInput {
  readonly action: ActionSpec;
  /** The object an object or batch action works on; left out for an action that takes none (its result is the output). */
  readonly item?: S3ObjectRef;
}

/** What one action run on one object gave; its fields are the action's own. */
export type ActionResult = { readonly [field: string]: unknown };

export interface ActionOutput {
  /** The action's name. */
  readonly action: string;
  readonly item: S3ObjectRef;
  readonly result: ActionResult;
}

export interface ZipArchiveFile {
  /** A key in S3_SOURCE_BUCKET, or `s3://bucket/key` with an allowed bucket. */
  readonly source: string;
  /** Folder or path of the entry inside the zip. */
  readonly destination?: string;
}

export interface ZipArchiveInput {
  readonly files: readonly ZipArchiveFile[];
  /** Any JSON, passed through to the notification and the output. */
  readonly metadata?: unknown;
}

export interface ZipArchiveOutput {
  readonly bucket: string;
  readonly key: string;
  readonly url: string;
  readonly size: number;
  readonly fileCount: number;
  readonly metadata: JsonValue | null;
}

/** Task name -> its payloads. */
export interface TaskContainers {
  'list-and-publish': { input: ListAndPublishInput; output: ListAndPublishOutput };
  consume: { input: ConsumeInput; output: ConsumeOutput };
  action: { input: ActionInput; output: ActionOutput };
  'zip-archive': { input: ZipArchiveInput; output: ZipArchiveOutput };
}

export type TaskContainerName = keyof TaskContainers;

/**
 * What a worker holds once it parsed an input: every field present, those with a default filled in (`Defaulted`),
 * the others `undefined` when absent. A field added to a contract input is then missing from the worker's parser
 * until the worker reads it.
 */
export type ParsedInput<Input, Defaulted extends keyof Input = never> = {
  // Over Required<Input>, not with `-?`: `-?` would also strip the `| undefined` written below.
  readonly [Field in keyof Required<Input>]: Field extends Defaulted
    ? Exclude<Input[Field], undefined>
    : {} extends Pick<Input, Field>
      ? Input[Field] | undefined
      : Input[Field];
};

/** Every field of each task's input, for documentation checks (types vanish at run time). */
export const TASK_INPUT_FIELDS = {
  'list-and-publish': ['bucket', 'prefix', 'startAfter', 'maxObjects', 'queueUrl', 'messageGroupId', 'include'],
  consume: [
    'queueUrl',
    'action',
    'concurrency',
    'idleSeconds',
    'maxMessages',
    'deleteSource',
    'legacyBucket',
    'retryDelaySeconds',
  ],
  action: ['action', 'item'],
  'zip-archive': ['files', 'metadata'],
} as const satisfies { readonly [Task in TaskContainerName]: readonly (keyof TaskContainers[Task]['input'])[] };

/** Every field of each task's output. */
export const TASK_OUTPUT_FIELDS = {
  'list-and-publish': ['published', 'queueUrl', 'firstKey', 'lastKey'],
  consume: ['received', 'succeeded', 'failed'],
  action: ['action', 'item', 'result'],
  'zip-archive': ['bucket', 'key', 'url', 'size', 'fileCount', 'metadata'],
} as const satisfies { readonly [Task in TaskContainerName]: readonly (keyof TaskContainers[Task]['output'])[] };
