// Option types shared by the state builders. The query language is part of a state's type: the JSONPath variant
// forbids JSONata fields and vice versa, and the variant without `queryLanguage` is the workflow's default.
import type { QueryLanguage } from './asl-types.ts';
import type { ContextObject } from './context-object.ts';
import type { Expression } from './jsonata.ts';
import type { Path, Ref, RefTo } from './refs.ts';
import type { CatchOptions, RetryOptions } from './retry-catch.ts';
import type { Linkable } from './state.ts';
import type { JsonataTemplate, JsonPathTemplate, PathArgument, Resolve } from './templates.ts';

/** Fields that the other language owns; present only to be refused. */
export type Forbidden<K extends string> = { readonly [P in K]?: never };

export const JSONPATH_FIELDS = [
  'inputPath',
  'outputPath',
  'parameters',
  'resultSelector',
  'resultPath',
  'timeoutSecondsPath',
  'heartbeatSecondsPath',
  'secondsPath',
  'timestampPath',
  'errorPath',
  'causePath',
  'itemsPath',
  'result',
] as const;
export const JSONATA_FIELDS = ['arguments', 'output'] as const;

export type JsonPathOnly = (typeof JSONPATH_FIELDS)[number];
export type JsonataOnly = (typeof JSONATA_FIELDS)[number];

/** A union of the two option shapes: without `queryLanguage` the state uses the workflow's language `D`. */
export type ForLanguage<D extends QueryLanguage, JsonPathShape, JsonataShape> = D extends 'JSONata'
  ?
      | (JsonataShape & Forbidden<JsonPathOnly> & { readonly queryLanguage?: 'JSONata' })
      | (JsonPathShape & Forbidden<JsonataOnly> & { readonly queryLanguage: 'JSONPath' })
  :
      | (JsonPathShape & Forbidden<JsonataOnly> & { readonly queryLanguage?: 'JSONPath' })
      | (JsonataShape & Forbidden<JsonPathOnly> & { readonly queryLanguage: 'JSONata' });

/** Whether options `O` make a JSONata state, given the workflow's default `D`. */
export type IsJsonata<O, D extends QueryLanguage> = O extends { readonly queryLanguage: infer L }
  ? L extends 'JSONata'
    ? true
    : false
  : D extends 'JSONata'
    ? true
    : false;

/** What an options callback receives: typed references into the state's input, the context and the variables. */
export interface Scope<In, Vars> {
  /** The state input: `$` in JSONPath, `$states.input` in JSONata. */
  readonly input: Path<In>;
  /** The state's result (for ResultSelector, Output, Assign): `$` in JSONPath, `$states.result` in JSONata. */
  readonly result: Path<unknown>;
  /** A Catch's error output in JSONata: `$states.errorOutput`. */
  readonly errorOutput: Path<{ Error: string; Cause: string }>;
  readonly context: Path<ContextObject>;
  /** Variables assigned by earlier states of this chain: `vars.total` renders `$total`. */
  readonly vars: Path<Vars>;
}

export type OptionsArgument<O, In, Vars> = O | ((scope: Scope<In, Vars>) => O);

export interface CommonOptions {
  readonly comment?: string;
}

export interface JsonPathIo {
  readonly inputPath?: PathArgument | null;
  readonly outputPath?: PathArgument | null;
}

export interface JsonPathResult {
  readonly resultSelector?: JsonPathTemplate;
  readonly resultPath?: PathArgument | null;
}

export interface AssignOption<T> {
  readonly assign?: { readonly [name: string]: T };
}

export interface JsonataOutput {
  readonly output?: JsonataTemplate;
}

/** A number in ASL, or (JSONata) an expression or reference producing one. */
export type NumberOrExpression = number | Expression<number> | Ref<number> | string;

// ---- the option sets states share, composed by each state type with what is its own -----------------------------

/** What a JSONPath state that passes data on may set: Comment, InputPath, OutputPath, Assign (Pass, Wait, Choice). */
export interface JsonPathFlowOptions extends CommonOptions, JsonPathIo, AssignOption<JsonPathTemplate> {}

/** The JSONata counterpart of JsonPathFlowOptions: Comment, Output, Assign. */
export interface JsonataFlowOptions extends CommonOptions, JsonataOutput, AssignOption<JsonataTemplate> {}

/** Retry and Catch given with the options, as `.retry(...)` and `.catch(...)` add them (Task, Parallel, Map). */
export interface RecoveryOptions {
  readonly retry?: readonly RetryOptions[];
  readonly catch?: readonly (CatchOptions & { readonly next: Linkable })[];
}

/** A JSONPath state with a result (Task, Parallel, Map): the flow fields, ResultSelector, ResultPath, Retry, Catch. */
export interface JsonPathResultOptions extends JsonPathFlowOptions, JsonPathResult, RecoveryOptions {}

/** A JSONata state with a result (Task, Parallel, Map): the flow fields, Retry, Catch. */
export interface JsonataResultOptions extends JsonataFlowOptions, RecoveryOptions {}

/** The payload a JSONPath Task or Parallel sends (ASL `Parameters`). */
export interface JsonPathPayload {
  readonly parameters?: JsonPathTemplate;
}

/** The payload a JSONata Task or Parallel sends (ASL `Arguments`). */
export interface JsonataPayload {
  readonly arguments?: JsonataTemplate;
}

/** JSONPath fields `K` holding a `T`: a literal, or a reference rendered as `<K>Path`, or that `<K>Path` given directly. */
export type JsonPathValues<K extends string, T> = { readonly [P in K]?: T | RefTo<T> } & {
  readonly [P in `${K}Path`]?: PathArgument;
};

/** JSONata numeric fields `K`: a literal, an expression or a reference. */
export type JsonataNumbers<K extends string> = { readonly [P in K]?: NumberOrExpression };

type Key<O, K extends string> = K extends keyof O ? O[K] : undefined;

type SetAt<T, P extends string, V> = P extends `${infer Head}.${infer Rest}`
  ? Omit<T, Head> & { [K in Head]: SetAt<Head extends keyof T ? T[Head] : unknown, Rest, V> }
  : Omit<T, P> & { [K in P]: V };

type Flatten<T> = T extends object ? { [K in keyof T]: T[K] } : T;

type ApplyResultPath<In, ResultPath, Result> = [ResultPath] extends [undefined]
  ? Result
  : [ResultPath] extends [null]
    ? In
    : ResultPath extends '$'
      ? Result
      : ResultPath extends `$.${infer Field}`
        ? Flatten<SetAt<unknown extends In ? {} : In, Field, Result>>
        : unknown;

type ApplyOutputPath<Value, OutputPath> = [OutputPath] extends [undefined]
  ? Value
  : OutputPath extends '$'
    ? Value
    : unknown;

/** The output of a state with a result, following ResultSelector/ResultPath/OutputPath or JSONata Output. */
export type StateOutput<In, Result, O, D extends QueryLanguage> =
  IsJsonata<O, D> extends true
    ? [Key<O, 'output'>] extends [undefined]
      ? Result
      : Resolve<Key<O, 'output'>>
    : ApplyOutputPath<
        ApplyResultPath<
          In,
          Key<O, 'resultPath'>,
          [Key<O, 'resultSelector'>] extends [undefined] ? Result : Resolve<Key<O, 'resultSelector'>>
        >,
        Key<O, 'outputPath'>
      >;

/** Variables after a state: the ones before plus its Assign. */
export type AssignedVars<Vars, O> = [Key<O, 'assign'>] extends [undefined]
  ? Vars
  : Flatten<(unknown extends Vars ? {} : Vars) & Resolve<Key<O, 'assign'>>>;
