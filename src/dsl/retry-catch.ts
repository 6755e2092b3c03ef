// Retry and Catch: error handling for Task, Parallel and Map states.
import type { JsonObject, QueryLanguage } from './asl-types.ts';
import { DslError } from './dsl-error.ts';
import type { JsonataTemplate, JsonPathTemplate, PathArgument } from './templates.ts';
import { renderPathField, renderTemplate } from './templates.ts';

/** Error names Step Functions raises itself. Task containers raise `<Task>.<Reason>`, e.g. `ZipArchive.SourceNotFound`. */
export const Errors = {
  ALL: 'States.ALL',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  Timeout: 'States.Timeout',
  TaskFailed: 'States.TaskFailed',
  Permissions: 'States.Permissions',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  QueryEvaluationError: 'States.QueryEvaluationError',
  BranchFailed: 'States.BranchFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
} as const;

export interface RetryOptions {
  /** Default `['States.ALL']`. */
  readonly errors?: readonly string[];
  readonly intervalSeconds?: number;
  readonly maxAttempts?: number;
  readonly backoffRate?: number;
  readonly maxDelaySeconds?: number;
  readonly jitterStrategy?: 'FULL' | 'NONE';
  readonly comment?: string;
}

export interface CatchOptions {
  /** Default `['States.ALL']`. */
  readonly errors?: readonly string[];
  /** JSONPath: where the error output goes in the state input (`null` discards the input). */
  readonly resultPath?: PathArgument | null;
  /** JSONata: the catcher's output. */
  readonly output?: JsonataTemplate;
  readonly assign?: JsonPathTemplate | JsonataTemplate;
  readonly comment?: string;
}

// An explicit empty list is rendered as written (the generator's analyser reports it); the DSL only refuses non-strings.
function errorEquals(errors: readonly string[] | undefined, where: string): string[] {
  const list = [...(errors ?? ['States.ALL'])];
  const bad = list.findIndex((error) => typeof error !== 'string');
  if (bad >= 0) throw new DslError(`${where}.ErrorEquals[${bad}]: must be an error name string`);
  return list;
}

export function renderRetrier(retry: RetryOptions, where: string): JsonObject {
  const out: JsonObject = { ErrorEquals: errorEquals(retry.errors, where) };
  if (retry.comment !== undefined) out.Comment = retry.comment;
  if (retry.intervalSeconds !== undefined) out.IntervalSeconds = retry.intervalSeconds;
  if (retry.maxAttempts !== undefined) out.MaxAttempts = retry.maxAttempts;
  if (retry.backoffRate !== undefined) out.BackoffRate = retry.backoffRate;
  if (retry.maxDelaySeconds !== undefined) out.MaxDelaySeconds = retry.maxDelaySeconds;
  if (retry.jitterStrategy !== undefined) out.JitterStrategy = retry.jitterStrategy;
  return out;
}

export function renderCatcher(options: CatchOptions, next: string, language: QueryLanguage, where: string): JsonObject {
  const out: JsonObject = { ErrorEquals: errorEquals(options.errors, where) };
  if (options.comment !== undefined) out.Comment = options.comment;
  if (options.resultPath !== undefined) {
    if (language === 'JSONata') throw new DslError(`${where}.ResultPath: not allowed in a JSONata state (use output)`);
    out.ResultPath = renderPathField(options.resultPath, `${where}.ResultPath`);
  }
  if (options.output !== undefined) {
    if (language === 'JSONPath') throw new DslError(`${where}.Output: not allowed in a JSONPath state`);
    out.Output = renderTemplate(options.output, language, `${where}.Output`);
  }
  if (options.assign !== undefined) out.Assign = renderTemplate(options.assign, language, `${where}.Assign`);
  out.Next = next;
  return out;
}
