// The task containers' input and output payloads, mirroring CONTRACT.md ("Task containers"). Defined here because
// the DSL may not import tasks/; the worker parses the same shapes at runtime.

export interface S3ObjectRef {
  readonly bucket: string;
  readonly key: string;
}

export interface ActionSpec {
  /** A module under tasks/action/actions/: `http-post`, `s3-copy`, `daily-merge`, or a user action. */
  readonly name: string;
  readonly params?: { readonly [name: string]: unknown };
}

export interface ListAndPublishInput {
  readonly bucket: string;
  readonly prefix?: string;
  readonly startAfter?: string;
  readonly maxObjects?: number;
  readonly queueUrl: string;
  readonly messageGroupId?: string;
  readonly include?: readonly ('size' | 'etag')[];
}

export interface ListAndPublishOutput {
  readonly published: number;
  readonly queueUrl: string;
  readonly firstKey: string | null;
  readonly lastKey: string | null;
}

export interface ConsumeInput {
  readonly queueUrl: string;
  readonly action: ActionSpec;
  readonly concurrency?: number;
  readonly idleSeconds?: number;
  readonly maxMessages?: number;
  readonly deleteSource?: boolean;
}

export interface ConsumeOutput {
  readonly received: number;
  readonly succeeded: number;
  readonly failed: number;
}

export interface ActionInput {
  readonly action: ActionSpec;
  readonly item: S3ObjectRef;
}

/** What an action returns is up to the action. */
export type ActionOutput = unknown;

export interface ZipArchiveFile {
  readonly source: string;
  readonly destination?: string;
}

export interface ZipArchiveInput {
  readonly files: readonly ZipArchiveFile[];
  readonly metadata?: unknown;
}

export interface ZipArchiveOutput {
  readonly bucket: string;
  readonly key: string;
  readonly url: string;
  readonly size: number;
  readonly fileCount: number;
  readonly metadata: unknown;
}

/** Task name -> its payloads. */
export interface TaskContainers {
  'list-and-publish': { input: ListAndPublishInput; output: ListAndPublishOutput };
  consume: { input: ConsumeInput; output: ConsumeOutput };
  action: { input: ActionInput; output: ActionOutput };
  'zip-archive': { input: ZipArchiveInput; output: ZipArchiveOutput };
}

export type TaskContainerName = keyof TaskContainers;
