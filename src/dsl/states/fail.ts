import type { QueryLanguage } from '../asl-types.ts';
import type { Expression } from '../jsonata.ts';
import type { CommonOptions, ForLanguage, JsonPathValues } from '../options.ts';
import type { RefTo } from '../refs.ts';
import { State } from '../state.ts';

/** `error` and `cause`: a literal, or a reference (rendered as ErrorPath / CausePath). */
export interface FailJsonPathOptions extends CommonOptions, JsonPathValues<'error' | 'cause', string> {}

export interface FailJsonataOptions extends CommonOptions {
  readonly error?: string | RefTo<string> | Expression<string>;
  readonly cause?: string | RefTo<string> | Expression<string>;
}

export type FailOptions<D extends QueryLanguage> = ForLanguage<D, FailJsonPathOptions, FailJsonataOptions>;

/** Ends the execution (or branch) with an error. Terminal: it has no `next`. */
export class Fail<Vars = unknown, D extends QueryLanguage = QueryLanguage> extends State<
  never,
  Vars,
  D,
  FailOptions<QueryLanguage>
> {
  readonly type = 'Fail' as const;
  protected readonly fieldOrder = ['comment', 'error', 'errorPath', 'cause', 'causePath'] as const;
}
