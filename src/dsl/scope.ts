import { context } from './context-object.ts';
import type { Scope } from './options.ts';
import { makePath } from './refs.ts';

/** The typed references handed to options callbacks and Choice conditions. */
export function makeScope<In, Vars>(): Scope<In, Vars> {
  return {
    input: makePath<In>('input'),
    result: makePath<unknown>('result'),
    errorOutput: makePath<{ Error: string; Cause: string }>('errorOutput'),
    context,
    vars: makePath<Vars>('variable'),
  };
}
