// What a user's `defineAction`/`defineTask` result tells the DSL, at the type level only: the DSL types an action
// step's params and a user task step's input from these, without importing the worker code that defines them.

/** The kinds of action: on an S3 object (`item` required), on message batches (daily-merge), or on params alone. */
export type ActionKind = 'object' | 'messages' | 'params';

/** Carried by every action definition; `'~types'` never exists at run time. */
export interface ActionTypes<Params, Result, Kind extends ActionKind = ActionKind> {
  readonly '~types'?: { readonly params: Params; readonly result: Result; readonly kind: Kind };
}

/** Carried by every user task definition; `'~types'` never exists at run time. */
export interface TaskTypes<Input, Output> {
  readonly '~types'?: { readonly input: Input; readonly output: Output };
}

/** http-post's params as a workflow writes them (defaults: field `file`, timeoutSeconds 60). */
export interface HttpPostParams {
  readonly url: string;
  readonly field?: string;
  readonly fields?: { readonly [name: string]: string };
  readonly headers?: { readonly [name: string]: string };
  readonly timeoutSeconds?: number;
}

export interface HttpPostResult {
  readonly status: number;
  readonly url?: string;
}

/** s3-copy's params: the destination bucket and an optional key prefix. */
export interface S3CopyParams {
  readonly bucket: string;
  readonly prefix?: string;
}

export interface S3CopyResult {
  readonly copiedTo: { readonly bucket: string; readonly key: string };
}

/** The four fields of a daily-merge line. */
export type DailyMergeLineField = 'timestamp' | 'channel' | 'endpoint' | 'event';

/** daily-merge's params (src/tasks/README.md): where day files go, the field mapping, keep/drop filters. */
export interface DailyMergeParams {
  readonly bucket: string;
  readonly keyPrefix?: string;
  readonly fields?: { readonly [Field in DailyMergeLineField]?: string };
  readonly keep?: { readonly [Field in DailyMergeLineField]?: readonly string[] };
  readonly drop?: { readonly [Field in DailyMergeLineField]?: readonly string[] };
}

export interface DailyMergeResult {
  readonly messages: number;
  readonly filtered: number;
}

/** The built-in actions by name, typed like a user's (`interface Actions` in the DSL extends this). */
export interface BuiltInActions {
  'http-post': ActionTypes<HttpPostParams, HttpPostResult, 'object'>;
  's3-copy': ActionTypes<S3CopyParams, S3CopyResult, 'object'>;
  'daily-merge': ActionTypes<DailyMergeParams, DailyMergeResult, 'messages'>;
}
