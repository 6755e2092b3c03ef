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
