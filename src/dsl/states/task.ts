import type { QueryLanguage } from '../asl-types.ts';
import type {
  AssignOption,
  CommonOptions,
  ForLanguage,
  JsonataOutput,
  JsonPathIo,
  JsonPathResult,
  NumberOrExpression,
} from '../options.ts';
import type { Shape } from '../phantom.ts';
import type { RefTo } from '../refs.ts';
import type { CatchOptions, RetryOptions } from '../retry-catch.ts';
import { type Linkable, RecoverableState, RESULT_FIELDS } from '../state.ts';
import type { JsonataTemplate, JsonPathTemplate, PathArgument } from '../templates.ts';

interface TaskCommon extends CommonOptions {
  /** Any ARN or placeholder: see `arn` for the common integrations. */
  readonly resource: string;
  /** A type hint for the result, which the DSL cannot know: `returns: shape<Charge>()`. */
  readonly returns?: Shape<unknown>;
  readonly retry?: readonly RetryOptions[];
  readonly catch?: readonly (CatchOptions & { readonly next: Linkable })[];
}

export interface TaskJsonPathOptions extends TaskCommon, JsonPathIo, JsonPathResult, AssignOption<JsonPathTemplate> {
  readonly parameters?: JsonPathTemplate;
  readonly credentials?: JsonPathTemplate;
  readonly timeoutSeconds?: number | RefTo<number>;
  readonly timeoutSecondsPath?: PathArgument;
  readonly heartbeatSeconds?: number | RefTo<number>;
  readonly heartbeatSecondsPath?: PathArgument;
}

export interface TaskJsonataOptions extends TaskCommon, JsonataOutput, AssignOption<JsonataTemplate> {
  readonly arguments?: JsonataTemplate;
  readonly credentials?: JsonataTemplate;
  readonly timeoutSeconds?: NumberOrExpression;
  readonly heartbeatSeconds?: NumberOrExpression;
}

export type TaskOptions<D extends QueryLanguage> = ForLanguage<D, TaskJsonPathOptions, TaskJsonataOptions>;

export type TaskResult<O> = O extends { readonly returns: Shape<infer R> } ? R : unknown;

export class Task<Out = unknown, Vars = unknown, D extends QueryLanguage = QueryLanguage> extends RecoverableState<
  Out,
  Vars,
  D
> {
  readonly type = 'Task' as const;
  protected readonly fieldOrder = [
    'comment',
    'resource',
    'credentials',
    'inputPath',
    'parameters',
    'arguments',
    'timeoutSeconds',
    'timeoutSecondsPath',
    'heartbeatSeconds',
    'heartbeatSecondsPath',
    ...RESULT_FIELDS,
  ] as const;
}
