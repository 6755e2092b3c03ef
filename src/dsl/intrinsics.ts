// JSONPath intrinsic functions as typed calls: `States.Format('Hi {}', input.name)` renders
// `"States.Format('Hi {}', $.name)"` under a `.$` key. JSONata states have no intrinsics (the types refuse them).
import { DslError } from './dsl-error.ts';
import { isRef, renderJsonPath, type Ref, type RefTo, VALUE_TYPE } from './refs.ts';

export const INTRINSIC: unique symbol = Symbol.for('stepforge.intrinsic');

export type IntrinsicArgument = string | number | boolean | null | Ref<unknown> | Intrinsic<unknown>;

export interface Intrinsic<T> {
  readonly [INTRINSIC]: { readonly name: string; readonly args: readonly (IntrinsicArgument | FormatTemplate)[] };
  readonly [VALUE_TYPE]?: T;
}

type Arg<T> = T | RefTo<T> | Intrinsic<T>;
/** Arrays and objects can only be passed by reference (or as another intrinsic's result). */
type Dynamic<T> = RefTo<T> | Intrinsic<T>;

export function isIntrinsic(value: unknown): value is Intrinsic<unknown> {
  return typeof value === 'object' && value !== null && INTRINSIC in value;
}

/** A string literal written as-is apart from quote and backslash: Format's template, whose `{}` are placeholders. */
class FormatTemplate {
  constructor(readonly text: string) {}
}

function call<T>(name: string, ...args: (IntrinsicArgument | FormatTemplate)[]): Intrinsic<T> {
  return { [INTRINSIC]: { name, args } };
}

function quote(text: string): string {
  return `'${text.replace(/[\\'{}]/g, (character) => `\\${character}`)}'`;
}

function renderArgument(argument: IntrinsicArgument | FormatTemplate): string {
  if (argument instanceof FormatTemplate)
    return `'${argument.text.replace(/[\\']/g, (character) => `\\${character}`)}'`;
  if (isRef(argument)) return renderJsonPath(argument);
  if (isIntrinsic(argument)) return renderIntrinsic(argument);
  if (typeof argument === 'string') return quote(argument);
  if (argument === null || typeof argument === 'number' || typeof argument === 'boolean') return String(argument);
  throw new DslError(`an intrinsic function argument must be a literal, a reference or an intrinsic`);
}

export function renderIntrinsic(intrinsic: Intrinsic<unknown>): string {
  const { name, args } = intrinsic[INTRINSIC];
  return `States.${name}(${args.map(renderArgument).join(', ')})`;
}

export type HashAlgorithm = 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** The ASL intrinsic functions, named as in ASL. */
export const States = {
  Format: (template: string, ...args: IntrinsicArgument[]): Intrinsic<string> =>
    call('Format', new FormatTemplate(template), ...args),
  StringToJson: <T = unknown>(json: Arg<string>): Intrinsic<T> => call('StringToJson', json),
  JsonToString: (value: IntrinsicArgument): Intrinsic<string> => call('JsonToString', value),
  Array: <T = unknown>(...items: IntrinsicArgument[]): Intrinsic<T[]> => call('Array', ...items),
  ArrayPartition: <T>(array: Dynamic<readonly T[]>, size: Arg<number>): Intrinsic<T[][]> =>
    call('ArrayPartition', array, size),
  ArrayContains: <T>(array: Dynamic<readonly T[]>, value: IntrinsicArgument): Intrinsic<boolean> =>
    call('ArrayContains', array, value),
  ArrayRange: (start: Arg<number>, end: Arg<number>, step: Arg<number>): Intrinsic<number[]> =>
    call('ArrayRange', start, end, step),
  ArrayGetItem: <T>(array: Dynamic<readonly T[]>, index: Arg<number>): Intrinsic<T> =>
    call('ArrayGetItem', array, index),
  ArrayLength: (array: Dynamic<readonly unknown[]>): Intrinsic<number> => call('ArrayLength', array),
  ArrayUnique: <T>(array: Dynamic<readonly T[]>): Intrinsic<T[]> => call('ArrayUnique', array),
  Base64Encode: (data: Arg<string>): Intrinsic<string> => call('Base64Encode', data),
  Base64Decode: (data: Arg<string>): Intrinsic<string> => call('Base64Decode', data),
  Hash: (data: IntrinsicArgument, algorithm: Arg<HashAlgorithm>): Intrinsic<string> => call('Hash', data, algorithm),
  JsonMerge: <A, B>(left: Dynamic<A>, right: Dynamic<B>, deep: false = false): Intrinsic<A & B> =>
    call('JsonMerge', left, right, deep),
  MathRandom: (start: Arg<number>, end: Arg<number>, seed?: Arg<number>): Intrinsic<number> =>
    seed === undefined ? call('MathRandom', start, end) : call('MathRandom', start, end, seed),
  MathAdd: (left: Arg<number>, right: Arg<number>): Intrinsic<number> => call('MathAdd', left, right),
  StringSplit: (text: Arg<string>, separators: Arg<string>): Intrinsic<string[]> =>
    call('StringSplit', text, separators),
  UUID: (): Intrinsic<string> => call('UUID'),
} as const;
