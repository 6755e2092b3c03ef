import type { QueryLanguage } from '../asl-types.ts';
import type { Expression } from '../jsonata.ts';
import type { ForLanguage, JsonataFlowOptions, JsonPathFlowOptions, JsonPathValues } from '../options.ts';
import type { RefTo } from '../refs.ts';
import { FlowState } from '../state.ts';

/** `seconds` to wait, or an ISO-8601 `timestamp` to wait until; a reference renders SecondsPath / TimestampPath. */
export interface WaitJsonPathOptions
  extends JsonPathFlowOptions,
    JsonPathValues<'seconds', number>,
    JsonPathValues<'timestamp', string> {}

export interface WaitJsonataOptions extends JsonataFlowOptions {
  readonly seconds?: number | RefTo<number> | Expression<number> | string;
  readonly timestamp?: string | RefTo<string> | Expression<string>;
}

export type WaitOptions<D extends QueryLanguage> = ForLanguage<D, WaitJsonPathOptions, WaitJsonataOptions>;

export class Wait<Out = unknown, Vars = unknown, D extends QueryLanguage = QueryLanguage> extends FlowState<
  Out,
  Vars,
  D,
  WaitOptions<QueryLanguage>
> {
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
