// Phantom keys: they carry a state's output type, variables and default query language through the type system.
// Never set at runtime.
export const OUT: unique symbol = Symbol.for('stepforge.out');
export const VARS: unique symbol = Symbol.for('stepforge.vars');
export const LANGUAGE: unique symbol = Symbol.for('stepforge.language');

/** A type hint for a result the DSL cannot see: `returns: shape<ChargeResult>()`. */
export interface Shape<T> {
  readonly [OUT]?: T;
}

export function shape<T>(): Shape<T> {
  return {};
}

/** Phantom key: the Task states a state, chain or workflow holds, by name (typed mocks in stepforge/testing). */
export const TASKS: unique symbol = Symbol.for('stepforge.tasks');

/** What one Task state takes (its Parameters/Arguments, else its input) and gives (its `returns`). */
export interface TaskSignature<Input, Result> {
  readonly input: Input;
  readonly result: Result;
}

/** Carries the Task states `T` (name -> TaskSignature) through the type system. Never set at runtime. */
export interface HasTasks<T> {
  readonly [TASKS]?: T;
}

/** The Task states a value holds: `{}` when it carries none. */
export type TasksOf<T> = T extends { readonly [TASKS]?: infer X } ? (unknown extends X ? {} : X) : {};

/** The Task states of a nested graph: a state, a chain, or the `steps => ...` callback that builds one. */
export type BuiltTasks<B> = B extends (...args: never[]) => infer R ? TasksOf<R> : TasksOf<B>;

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void
  ? I
  : never;

/** The Task states of every branch of a Parallel, together. */
export type BranchesTasks<B> = B extends readonly unknown[]
  ? UnionToIntersection<{ [I in keyof B]: BuiltTasks<B[I]> }[number]> & {}
  : {};
