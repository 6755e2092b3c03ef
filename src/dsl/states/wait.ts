import type { QueryLanguage } from '../asl-types.ts';
import type { Expression } from '../jsonata.ts';
import type { AssignOption, CommonOptions, ForLanguage, JsonataOutput, JsonPathIo } from '../options.ts';
import type { RefTo } from '../refs.ts';
import { FlowState } from '../state.ts';
import type { JsonataTemplate, JsonPathTemplate, PathArgument } from '../templates.ts';

export interface WaitJsonPathOptions extends CommonOptions, JsonPathIo, AssignOption<JsonPathTemplate> {
  /** Seconds to wait; a reference renders SecondsPath. */
  readonly seconds?: number | RefTo<number>;
  readonly secondsPath?: PathArgument;
  /** An ISO-8601 timestamp to wait until; a reference renders TimestampPath. */
  readonly timestamp?: string | RefTo<string>;
  readonly timestampPath?: PathArgument;
}

export interface WaitJsonataOptions extends CommonOptions, JsonataOutput, AssignOption<JsonataTemplate> {
  readonly seconds?: number | RefTo<number> | Expression<number> | string;
  readonly timestamp?: string | RefTo<string> | Expression<string>;
}

export type WaitOptions<D extends QueryLanguage> = ForLanguage<D, WaitJsonPathOptions, WaitJsonataOptions>;

export class Wait<Out = unknown, Vars = unknown, D extends QueryLanguage = QueryLanguage> extends FlowState<Out, Vars, D> {
  readonly type = 'Wait' as const;
  protected readonly fieldOrder = [
    'comment',
    'inputPath',
    'seconds',
    'secondsPath',
    'timestamp',
    'timestampPath',
    'outputPath',
    'output',
    'assign',
    'next',
  ] as const;
}
