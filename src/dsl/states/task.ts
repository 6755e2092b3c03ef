import type { QueryLanguage } from '../asl-types.ts';
import type {
  ForLanguage,
  JsonataNumbers,
  JsonataPayload,
  JsonataResultOptions,
  JsonPathValues,
  JsonPathPayload,
  JsonPathResultOptions,
} from '../options.ts';
import type { Shape } from '../phantom.ts';
import { RecoverableState, RESULT_FIELDS } from '../state.ts';
import type { JsonataTemplate, JsonPathTemplate } from '../templates.ts';

interface TaskCommon {
  /** Any ARN or placeholder: see `arn` for the common integrations. */
  readonly resource: string;
  /** A type hint for the result, which the DSL cannot know: `returns: shape<Charge>()`. */
  readonly returns?: Shape<unknown>;
}

type Timeouts = 'timeoutSeconds' | 'heartbeatSeconds';

export interface TaskJsonPathOptions
  extends TaskCommon,
    JsonPathResultOptions,
    JsonPathPayload,
    JsonPathValues<Timeouts, number> {
  readonly credentials?: JsonPathTemplate;
}

export interface TaskJsonataOptions extends TaskCommon, JsonataResultOptions, JsonataPayload, JsonataNumbers<Timeouts> {
  readonly credentials?: JsonataTemplate;
}

export type TaskOptions<D extends QueryLanguage> = ForLanguage<D, TaskJsonPathOptions, TaskJsonataOptions>;

export type TaskResult<O> = O extends { readonly returns: Shape<infer R> } ? R : unknown;

export class Task<Out = unknown, Vars = unknown, D extends QueryLanguage = QueryLanguage> extends RecoverableState<
  Out,
  Vars,
  D,
  TaskOptions<QueryLanguage>
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
