import type { QueryLanguage } from '../asl-types.ts';
import type { CommonOptions, ForLanguage, JsonataOutput, JsonPathIo } from '../options.ts';
import { State } from '../state.ts';

export type SucceedOptions<D extends QueryLanguage> = ForLanguage<
  D,
  CommonOptions & JsonPathIo,
  CommonOptions & JsonataOutput
>;

/** Ends the execution (or branch) successfully. Terminal: it has no `next`. */
export class Succeed<Out = unknown, Vars = unknown, D extends QueryLanguage = QueryLanguage> extends State<
  Out,
  Vars,
  D,
  SucceedOptions<QueryLanguage>
> {
  readonly type = 'Succeed' as const;
  protected readonly fieldOrder = ['comment', 'inputPath', 'outputPath', 'output'] as const;
}
