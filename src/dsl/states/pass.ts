import type { JsonValue, QueryLanguage } from '../asl-types.ts';
import type {
  ForLanguage,
  JsonataFlowOptions,
  JsonPathFlowOptions,
  JsonPathPayload,
  JsonPathResult,
} from '../options.ts';
import { FlowState } from '../state.ts';
import type { Resolve } from '../templates.ts';

export interface PassJsonPathOptions extends JsonPathFlowOptions, JsonPathPayload, Pick<JsonPathResult, 'resultPath'> {
  /** A fixed result (ASL `Result`). */
  readonly result?: JsonValue;
}

export interface PassJsonataOptions extends JsonataFlowOptions {}

export type PassOptions<D extends QueryLanguage> = ForLanguage<D, PassJsonPathOptions, PassJsonataOptions>;

type Key<O, K extends string> = K extends keyof O ? O[K] : undefined;

/** A Pass state's result: its `result`, else its `parameters`, else its input. */
export type PassResult<In, O> = [Key<O, 'result'>] extends [undefined]
  ? [Key<O, 'parameters'>] extends [undefined]
    ? In
    : Resolve<Key<O, 'parameters'>>
  : Resolve<Key<O, 'result'>>;

export class Pass<Out = unknown, Vars = unknown, D extends QueryLanguage = QueryLanguage> extends FlowState<
  Out,
  Vars,
  D,
  PassOptions<QueryLanguage>
> {
  readonly type = 'Pass' as const;
  protected readonly fieldOrder = [
    'comment',
    'inputPath',
    'parameters',
    'result',
    'resultPath',
    'outputPath',
    'output',
    'assign',
    'next',
  ] as const;
}
