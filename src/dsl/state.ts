// The base every state type shares: identity (name, call site, graph), its typed options and their rendering in ASL
// key order, and the transitions (`next`, `retry`, `catch`) of the states that have them.
import type { AslState, AslStateType, JsonObject, JsonValue, QueryLanguage } from './asl-types.ts';
import { captureCallSite, type SourceLocation } from './call-site.ts';
import { DslError } from './dsl-error.ts';
import { FIELD_RENDERERS } from './fields.ts';
import { connect, type StateGraph } from './graph.ts';
import { type HasTasks, LANGUAGE, OUT, type TasksOf, VARS } from './phantom.ts';
import type { RecoveryOptions } from './options.ts';
import type { Steps } from './steps.ts';
import { type CatchOptions, renderCatcher, renderRetrier, type RetryOptions } from './retry-catch.ts';

export interface RenderContext {
  /** The workflow's QueryLanguage; a state without its own inherits it (nested states too). */
  readonly workflowLanguage: QueryLanguage;
}

/** A nested graph a state owns (Parallel branch, Map processor) and its key in `locations()`. */
export interface NestedGraph {
  readonly pathSegment: string;
  readonly graph: StateGraph;
}

/** What the options of every state type hold besides their own fields. */
export interface StateOptions {
  readonly queryLanguage?: QueryLanguage;
  readonly comment?: string;
}

/** The tail every state with a result writes in this order. */
export const RESULT_FIELDS = [
  'resultSelector',
  'resultPath',
  'outputPath',
  'output',
  'assign',
  'retry',
  'catch',
  'next',
] as const;

/**
 * Builds the `steps` handed to `next(steps => ...)` for a graph. The factory that created a state hands it this at
 * `initialize`: states cannot import steps.ts (it imports every state type), so it travels with them instead.
 */
export type StepsFactory = (graph: StateGraph | undefined) => unknown;

/**
 * `O` is the options a state type takes, in either language (`TaskOptions<QueryLanguage>`, ...): the state reads its
 * own fields typed; the rendering walks `fieldOrder` by key.
 */
export abstract class State<
  Out = unknown,
  Vars = unknown,
  D extends QueryLanguage = QueryLanguage,
  O extends StateOptions = StateOptions,
> {
  declare readonly [OUT]?: Out;
  declare readonly [VARS]?: Vars;
  declare readonly [LANGUAGE]?: D;

  abstract readonly type: AslStateType;
  /** Option keys this state type accepts, in the order their ASL fields are written. */
  protected abstract readonly fieldOrder: readonly string[];

  /** @internal The graph this state belongs to; only graph.ts assigns it, keeping its invariants. */
  graph: StateGraph | undefined;
  /** @internal Where it joined that graph, for errors that name both calls. */
  joinedAt: SourceLocation | undefined;
  /** @internal States linked to this one before any of them joined a graph; they join together. */
  cluster: Set<State> = new Set([this]);
  readonly queryLanguage: QueryLanguage | undefined;
  #stepsFactory: StepsFactory | undefined;

  constructor(
    readonly name: string,
    protected readonly options: O,
    readonly createdAt: SourceLocation,
  ) {
    if (typeof name !== 'string' || name.length === 0 || name.length > 80) {
      throw new DslError(`state name must be a string of 1 to 80 characters, got ${JSON.stringify(name)}`, createdAt);
    }
    const language = options.queryLanguage;
    if (language !== undefined && language !== 'JSONPath' && language !== 'JSONata') {
      throw new DslError(`${name}.queryLanguage: must be "JSONPath" or "JSONata", got ${String(language)}`, createdAt);
    }
    this.queryLanguage = language;
  }

  /** @internal Called once by the factory after construction (subclass fields exist by then). */
  initialize(stepsFactory: StepsFactory): this {
    this.#stepsFactory = stepsFactory;
    this.checkOptions();
    return this;
  }

  /** @internal The typed `steps` for `graph`, from the factory that created this state. */
  stepsAt(graph: StateGraph | undefined): unknown {
    if (!this.#stepsFactory)
      throw new DslError(`${this.name}: create states through \`steps\` or a workflow`, this.createdAt);
    return this.#stepsFactory(graph);
  }

  /** @internal */
  protected get stepsFactory(): StepsFactory {
    const factory = this.#stepsFactory;
    if (!factory) throw new DslError(`${this.name}: create states through \`steps\` or a workflow`, this.createdAt);
    return factory;
  }

  protected checkOptions(extraKeys: readonly string[] = []): void {
    const known = new Set([...this.fieldOrder, ...extraKeys, 'queryLanguage', 'returns', 'retry', 'catch']);
    for (const key of Object.keys(this.options)) {
      if (!known.has(key))
        throw new DslError(`${this.name}: unknown option "${key}" for a ${this.type} state`, this.createdAt);
    }
  }

  effectiveLanguage(context: RenderContext): QueryLanguage {
    return this.queryLanguage ?? context.workflowLanguage;
  }

  /** @internal States this one can transition to (Next, Choice rules, Default, Catch). */
  successors(): State[] {
    return [];
  }

  /** @internal */
  nestedGraphs(): NestedGraph[] {
    return [];
  }

  /** Fields a subclass renders itself (Choices, Branches, ItemProcessor, ...), keyed by their place in fieldOrder. */
  protected renderSpecial(
    _key: string,
    _language: QueryLanguage,
    _context: RenderContext,
  ): [string, JsonValue][] | undefined {
    return undefined;
  }

  /** @internal */
  render(context: RenderContext): AslState {
    const language = this.effectiveLanguage(context);
    const out: AslState = { Type: this.type };
    if (this.queryLanguage !== undefined) out.QueryLanguage = this.queryLanguage;
    for (const key of this.fieldOrder) {
      const special = this.renderSpecial(key, language, context);
      const value = this.optionAt(key);
      const entries = special ?? (value === undefined ? [] : this.renderField(key, value, language));
      for (const [aslKey, aslValue] of entries) out[aslKey] = aslValue;
    }
    return out;
  }

  /** The option a `fieldOrder` key names: fieldOrder lists the options type's keys, and special keys read undefined. */
  private optionAt(key: string): unknown {
    return this.options[key as keyof O];
  }

  protected renderField(key: string, value: unknown, language: QueryLanguage): [string, JsonValue][] {
    const renderer = FIELD_RENDERERS[key];
    if (!renderer) throw new DslError(`${this.name}: no renderer for option "${key}"`, this.createdAt);
    try {
      return renderer(value, language, this.name);
    } catch (error) {
      if (error instanceof DslError && error.locations.length === 0) throw new DslError(error.message, this.createdAt);
      throw error;
    }
  }
}

/** A state that continues somewhere: Next, or End when nothing follows. */
export abstract class FlowState<
  Out = unknown,
  Vars = unknown,
  D extends QueryLanguage = QueryLanguage,
  O extends StateOptions = StateOptions,
> extends State<Out, Vars, D, O> {
  /** @internal */
  nextState: State | undefined;
  private nextSetAt: SourceLocation | undefined;

  /** Makes `target` the next state (a state, a chain, or `steps => ...` building one with typed input). */
  next<T extends Linkable>(target: T | ((steps: StepsLike<Out, Vars, D>) => T)): ChainOf<T, this> {
    const site = captureCallSite();
    const resolved =
      typeof target === 'function' ? target(this.stepsAt(this.graph) as StepsLike<Out, Vars, D>) : target;
    this.linkTo(startOf(resolved), site);
    return makeChain(this, endOf(resolved)) as ChainOf<T, this>;
  }

  /** @internal */
  linkTo(target: State, site: SourceLocation): void {
    if (this.nextState) {
      throw new DslError(
        `"${this.name}" already continues to "${this.nextState.name}"; it cannot also continue to "${target.name}"`,
        this.nextSetAt ?? this.createdAt,
        site,
      );
    }
    connect(this, target, site);
    this.nextState = target;
    this.nextSetAt = site;
  }

  override successors(): State[] {
    return this.nextState ? [this.nextState] : [];
  }

  protected renderTransition(): [string, JsonValue][] {
    return this.nextState ? [['Next', this.nextState.name]] : [['End', true]];
  }

  protected override renderSpecial(
    key: string,
    language: QueryLanguage,
    context: RenderContext,
  ): [string, JsonValue][] | undefined {
    return key === 'next' ? this.renderTransition() : super.renderSpecial(key, language, context);
  }
}

interface Catcher {
  readonly options: CatchOptions;
  readonly handler: State;
}

/** Task, Parallel and Map: states with Retry and Catch. */
export abstract class RecoverableState<
  Out = unknown,
  Vars = unknown,
  D extends QueryLanguage = QueryLanguage,
  O extends StateOptions & RecoveryOptions = StateOptions & RecoveryOptions,
> extends FlowState<Out, Vars, D, O> {
  private readonly retriers: RetryOptions[] = [];
  private readonly catchers: Catcher[] = [];

  /** Adds a retrier (Retry entries are tried in the order added). */
  retry(options: RetryOptions = {}): this {
    this.retriers.push(options);
    return this;
  }

  /** On a matching error, continue at `handler` (a state, a chain, or `steps => ...`). */
  catch(handler: Linkable | ((steps: StepsLike<unknown, Vars, D>) => Linkable), options: CatchOptions = {}): this {
    const site = captureCallSite();
    const resolved =
      typeof handler === 'function' ? handler(this.stepsAt(this.graph) as StepsLike<unknown, Vars, D>) : handler;
    const target = startOf(resolved);
    connect(this, target, site);
    this.catchers.push({ options, handler: target });
    return this;
  }

  override initialize(stepsFactory: StepsFactory): this {
    super.initialize(stepsFactory);
    this.applyRecoveryOptions();
    return this;
  }

  private applyRecoveryOptions(): void {
    for (const retrier of this.options.retry ?? []) this.retry(retrier);
    for (const { next, ...options } of this.options.catch ?? []) this.catch(next, options);
  }

  /** The retriers rendered as Retry: the ones added, in order; a state type may add its own defaults. */
  protected effectiveRetriers(): readonly RetryOptions[] {
    return this.retriers;
  }

  override successors(): State[] {
    return [...super.successors(), ...this.catchers.map((catcher) => catcher.handler)];
  }

  protected override renderSpecial(
    key: string,
    language: QueryLanguage,
    context: RenderContext,
  ): [string, JsonValue][] | undefined {
    // An explicit empty list (`retry: []`, `catch: []`) is written as such: ASL accepts it and definitions use it.
    if (key === 'retry') {
      const retriers = this.effectiveRetriers();
      if (!retriers.length && !Array.isArray(this.options.retry)) return [];
      return [['Retry', retriers.map((retrier, index) => renderRetrier(retrier, `${this.name}.Retry[${index}]`))]];
    }
    if (key === 'catch') {
      if (!this.catchers.length && !Array.isArray(this.options.catch)) return [];
      const rendered: JsonObject[] = this.catchers.map((catcher, index) =>
        renderCatcher(catcher.options, catcher.handler.name, language, `${this.name}.Catch[${index}]`),
      );
      return [['Catch', rendered]];
    }
    return super.renderSpecial(key, language, context);
  }
}

// ---- chains -------------------------------------------------------------------------------------------------------

/** A sequence of states: where it starts and where it currently ends. */
export interface ChainLike {
  readonly start: State;
  readonly end: State;
}

export type Linkable = State | ChainLike;

export function startOf(value: Linkable): State {
  return value instanceof State ? value : value.start;
}

export function endOf(value: Linkable): State {
  return value instanceof State ? value : value.end;
}

/** The states a chain holds, start to end along `next` (what its type accumulates); a state alone is itself. */
export function chainStates(value: Linkable): State[] {
  const end = endOf(value);
  const start = startOf(value);
  const states = [start];
  for (let at = start; at !== end && at instanceof FlowState && at.nextState; at = at.nextState) {
    if (states.includes(at.nextState)) break;
    states.push(at.nextState);
  }
  return states;
}

/** A chain that can go on: its end is a state with Next. */
export interface Chain<Out = unknown, Vars = unknown, D extends QueryLanguage = QueryLanguage, Tasks = {}>
  extends ChainLike,
    HasTasks<Tasks> {
  readonly [OUT]?: Out;
  readonly [VARS]?: Vars;
  readonly [LANGUAGE]?: D;
  next<T extends Linkable>(target: T | ((steps: StepsLike<Out, Vars, D>) => T)): ChainOf<T, this>;
}

/** A chain whose end is terminal (Succeed, Fail, Choice): nothing can be appended. */
export interface EndedChain<Tasks = {}> extends ChainLike, HasTasks<Tasks> {
  readonly ended: true;
}

type OutOf<T> = T extends { readonly [OUT]?: infer O } ? O : unknown;
type VarsOf<T> = T extends { readonly [VARS]?: infer V } ? V : unknown;
type LanguageOf<T, Fallback> = T extends { readonly [LANGUAGE]?: infer L extends QueryLanguage } ? L : Fallback;

/** What `next(target)` returns: a chain that goes on if the target can, else an ended chain. */
export type ChainOf<T, Self> = T extends { next: unknown }
  ? Chain<OutOf<T>, VarsOf<T>, LanguageOf<T, LanguageOf<Self, QueryLanguage>>, TasksOf<Self> & TasksOf<T>>
  : EndedChain<TasksOf<Self> & TasksOf<T>>;

/** The typed factory handed to `next(steps => ...)`. */
export type StepsLike<In, Vars, D extends QueryLanguage> = Steps<In, Vars, D>;

function makeChain(start: State, end: State): ChainLike {
  const chain = {
    start,
    end,
    ended: !(end instanceof FlowState),
    next(target: Linkable | ((steps: unknown) => Linkable)): ChainLike {
      const site = captureCallSite();
      if (!(end instanceof FlowState)) {
        throw new DslError(
          `"${end.name}" is a ${end.type} state and ends its path; nothing can follow it`,
          end.createdAt,
          site,
        );
      }
      const resolved = typeof target === 'function' ? target(end.stepsAt(end.graph)) : target;
      end.linkTo(startOf(resolved), site);
      return makeChain(start, endOf(resolved));
    },
  };
  return chain;
}
