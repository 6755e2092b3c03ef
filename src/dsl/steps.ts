// The typed state factory. `workflow<Input>(...)` is one (typed with the workflow input); `next(steps => ...)`,
// Choice targets, Parallel branches and Map processors receive one typed with what flows into them. States created
// through a factory bound to a graph join it at once, so even unreachable ones are rendered (and reported).
import type { QueryLanguage } from './asl-types.ts';
import { captureCallSite } from './call-site.ts';
import { DslError } from './dsl-error.ts';
import type { TaskContainerName, TaskContainers } from './containers/payloads.ts';
import type {
  ActionName,
  ActionShorthand,
  ActionStepInput,
  ActionStepOutput,
  ConsumeStepInput,
  UserTaskInput,
  UserTaskName,
  UserTaskOutput,
} from './containers/registries.ts';
import {
  type ContainerFieldsOptions,
  type ContainerOptions,
  type TemplateOf,
  TaskContainerStep,
} from './containers/task-container.ts';
import { context, type ContextObject } from './context-object.ts';
import { attach, type StateGraph } from './graph.ts';
import type { GraphBuilder } from './nested-graph.ts';
import type { AssignedVars, OptionsArgument, Scope, StateOutput } from './options.ts';
import { makePath, type Path } from './refs.ts';
import { makeScope } from './scope.ts';
import type { ChainLike, Linkable, State } from './state.ts';
import { Choice, type ChoiceOptions } from './states/choice.ts';
import { Fail, type FailOptions } from './states/fail.ts';
import { MapState, type MapOptions } from './states/map.ts';
import { Parallel, type ParallelOptions } from './states/parallel.ts';
import { Pass, type PassOptions, type PassResult } from './states/pass.ts';
import { Succeed, type SucceedOptions } from './states/succeed.ts';
import { Task, type TaskOptions, type TaskResult } from './states/task.ts';
import { Wait, type WaitOptions } from './states/wait.ts';
import type { Resolve } from './templates.ts';
import { type BranchesTasks, type HasTasks, OUT, type TaskSignature, type TasksOf } from './phantom.ts';

type Language<O, D extends QueryLanguage> = O extends { readonly queryLanguage: infer L extends QueryLanguage } ? L : D;
type OutOf<T> = T extends { readonly [OUT]?: infer O } ? O : unknown;
type ElementOf<T> = T extends readonly (infer E)[] ? E : unknown;
type Key<O, K extends string> = K extends keyof O ? O[K] : undefined;

/** The input of one Map item: the ItemSelector's shape, else an element of Items/ItemsPath. */
export type MapItem<O> = [Key<O, 'itemSelector'>] extends [undefined]
  ? [Key<O, 'items'>] extends [undefined]
    ? ElementOf<Resolve<Key<O, 'itemsPath'>>>
    : ElementOf<Resolve<Key<O, 'items'>>>
  : Resolve<Key<O, 'itemSelector'>>;

/** The Task `task(...)` and the container steps return: `Result` through the options' result fields, and their Assign. */
type TaskStep<In, Result, O, Vars, D extends QueryLanguage> = Task<
  StateOutput<In, Result, O, D>,
  AssignedVars<Vars, O>,
  D
>;
/** One Task state by name, for typed mocks. */
type NamedTask<N extends string, Input, Result> = HasTasks<{ readonly [Name in N]: TaskSignature<Input, Result> }>;

/** What a Task's mock receives: Parameters (JSONPath) or Arguments (JSONata) resolved; else the state's input. */
type TaskInput<In, O> = [Key<O, 'parameters'>] extends [undefined]
  ? [Key<O, 'arguments'>] extends [undefined]
    ? [Key<O, 'inputPath'>] extends [undefined]
      ? In
      : unknown
    : Key<O, 'arguments'> extends string
      ? unknown
      : Resolve<Key<O, 'arguments'>>
  : Resolve<Key<O, 'parameters'>>;

/** The dispatch envelope a container step sends (docs/internal-contracts.md): by queue message, or as the activity input. */
export interface ContainerEnvelope<I> {
  readonly input: I;
  readonly execution: string;
  readonly state: string;
  readonly taskToken?: string;
}
export type ContainerDispatch<I> =
  | { readonly QueueUrl: string; readonly MessageBody: ContainerEnvelope<I> }
  | ContainerEnvelope<I>;

/** A container's input as a step writes it: an action's params typed by its name (`Actions`). */
type ContainerInput<K extends TaskContainerName> = K extends 'action'
  ? ActionStepInput
  : K extends 'consume'
    ? ConsumeStepInput
    : TaskContainers[K]['input'];
type ContainerOutput<K extends TaskContainerName> = TaskContainers[K]['output'];

/** The named action's output, when the options name a known one (in `input.action.name` or the shorthand's `action`). */
type NamedActionOutput<O> = O extends { readonly input: { readonly action: { readonly name: infer N } } }
  ? N extends ActionName
    ? ActionStepOutput<N>
    : unknown
  : O extends { readonly action: infer N extends ActionName }
    ? ActionStepOutput<N>
    : unknown;

/** The action step's options: the container's `input`, or the shorthand `{ action: 'greet', params, item? }`. */
export type ActionOptions<D extends QueryLanguage> =
  | ContainerOptions<D, ActionStepInput>
  | ContainerFieldsOptions<D, TemplateOf<ActionShorthand>>;

/** A container step's result: the container's output; an action's is what `returns` says, else its action's. */
type ContainerResult<K extends TaskContainerName, O> = K extends 'action'
  ? O extends { readonly returns: unknown }
    ? TaskResult<O>
    : NamedActionOutput<O>
  : ContainerOutput<K>;

/** A user task step's options: `task` names one of the project's tasks (`Tasks`), `input` is typed by it. */
export type UserTaskOptions<D extends QueryLanguage> = {
  [Name in UserTaskName]: ContainerOptions<D, UserTaskInput<Name>> & { readonly task: Name };
}[UserTaskName];

type UserTaskResult<O> = O extends { readonly task: infer N extends UserTaskName } ? UserTaskOutput<N> : unknown;
type UserTaskInputOf<O> = O extends { readonly task: infer N extends UserTaskName } ? UserTaskInput<N> : unknown;

/** A task-container step factory: options typed with the container's input, the Task with its result. */
type ContainerStep<K extends TaskContainerName, In, Vars, D extends QueryLanguage> = <
  const O extends ContainerOptions<D, ContainerInput<K>>,
  const N extends string = string,
>(
  name: N,
  options: OptionsArgument<O, In, Vars>,
) => TaskStep<In, ContainerResult<K, O>, O, Vars, D> &
  NamedTask<N, ContainerDispatch<ContainerInput<K>>, ContainerResult<K, O>>;

/** A Parallel's result: one entry per branch, each the branch's output. */
export type BranchOutputs<B> = {
  -readonly [I in keyof B]: B[I] extends (...args: never[]) => infer R ? OutOf<R> : OutOf<B[I]>;
};

/** A state as the type its factory declares: the phantom parts (output, task map) exist only in the types. */
function typed<R>(state: State): R {
  return state as unknown as R;
}

/** The options object, from the callback if one is given; `{}` (no options) where they are optional. */
function resolveOptions<O, In, Vars>(options: OptionsArgument<O, In, Vars> | undefined): O {
  const resolved =
    typeof options === 'function' ? (options as (scope: Scope<In, Vars>) => O)(makeScope<In, Vars>()) : options;
  return resolved ?? ({} as O);
}

/** Scope for Map options: adds the current item (`$$.Map.Item.Value`) for ItemSelector. */
export interface MapScope<In, Vars> extends Scope<In, Vars> {
  readonly item: Path<unknown>;
  readonly index: Path<number>;
}

export class Steps<In = unknown, Vars = {}, D extends QueryLanguage = 'JSONPath'> {
  declare readonly [OUT]?: In;

  constructor(protected readonly graph: StateGraph | undefined) {}

  /** Typed reference to what flows in here: `steps.input.order.id`. */
  get input(): Path<In> {
    return makePath<In>('input');
  }

  /** Variables assigned before this point: `steps.vars.total` renders `$total`. */
  get vars(): Path<Vars> {
    return makePath<Vars>('variable');
  }

  get context(): Path<ContextObject> {
    return context;
  }

  private register<S extends State>(state: S): S {
    state.initialize((graph) => new Steps(graph));
    if (this.graph) attach(state, this.graph, state.createdAt);
    return state;
  }

  pass<const O extends PassOptions<D> = {}>(
    name: string,
    options?: OptionsArgument<O, In, Vars>,
  ): Pass<StateOutput<In, PassResult<In, O>, O, D>, AssignedVars<Vars, O>, D> {
    return this.register(new Pass(name, resolveOptions(options), captureCallSite()));
  }

  task<const O extends TaskOptions<D>, const N extends string = string>(
    name: N,
    options: OptionsArgument<O, In, Vars>,
  ): TaskStep<In, TaskResult<O>, O, Vars, D> & NamedTask<N, TaskInput<In, O>, TaskResult<O>> {
    return typed(this.register(new Task(name, resolveOptions(options), captureCallSite())));
  }

  wait<const O extends WaitOptions<D>>(
    name: string,
    options: OptionsArgument<O, In, Vars>,
  ): Wait<StateOutput<In, In, O, D>, AssignedVars<Vars, O>, D> {
    return this.register(new Wait(name, resolveOptions(options), captureCallSite()));
  }

  succeed<const O extends SucceedOptions<D> = {}>(
    name: string,
    options?: OptionsArgument<O, In, Vars>,
  ): Succeed<In, Vars, D> {
    return this.register(new Succeed(name, resolveOptions(options), captureCallSite()));
  }

  fail<const O extends FailOptions<D> = {}>(name: string, options?: OptionsArgument<O, In, Vars>): Fail<Vars, D> {
    return this.register(new Fail(name, resolveOptions(options), captureCallSite()));
  }

  choice<const O extends ChoiceOptions<D> = {}>(
    name: string,
    options?: OptionsArgument<O, In, Vars>,
  ): Choice<StateOutput<In, In, O, D>, AssignedVars<Vars, O>, D, Language<O, D>, In, Vars> {
    return this.register(new Choice(name, resolveOptions(options), captureCallSite()));
  }

  /** A Parallel; each branch is a state, a chain, or `steps => ...` typed with the Parallel's input. */
  parallel<const O extends ParallelOptions<D, readonly GraphBuilder<Steps<In, Vars, D>>[]>>(
    name: string,
    options: OptionsArgument<O, In, Vars>,
  ): Parallel<StateOutput<In, BranchOutputs<O['branches']>, O, D>, AssignedVars<Vars, O>, D> &
    HasTasks<BranchesTasks<O['branches']>> {
    return typed(this.register(new Parallel(name, resolveOptions(options), captureCallSite())));
  }

  /** A Map. The third argument is the item processor, typed with one item (ItemSelector's shape, else an element). */
  map<const O extends MapOptions<D>, P extends Linkable = ChainLike>(
    name: string,
    options: O | ((scope: MapScope<In, Vars>) => O),
    processor?: P | ((item: Steps<MapItem<O>, Vars, D>) => P),
  ): MapState<StateOutput<In, OutOf<P>[], O, D>, AssignedVars<Vars, O>, D> & HasTasks<TasksOf<P>> {
    const resolved =
      typeof options === 'function'
        ? options({
            ...makeScope<In, Vars>(),
            item: makePath('context', ['Map', 'Item', 'Value']),
            index: makePath('context', ['Map', 'Item', 'Index']),
          })
        : options;
    const state = this.register(new MapState(name, resolved, captureCallSite()));
    if (processor !== undefined)
      state.itemProcessor(processor as unknown as GraphBuilder<Steps<unknown, unknown, QueryLanguage>>);
    return typed(state);
  }

  private containerStep<K extends TaskContainerName>(task: K): ContainerStep<K, In, Vars, D> {
    return (name, options) => {
      const resolved = resolveOptions(options) as unknown as ContainerOptions<QueryLanguage, unknown>;
      return typed(this.register(new TaskContainerStep(task, name, resolved, captureCallSite())));
    };
  }

  /** Lists a bucket and publishes one `{bucket, key}` message per object (task container `list-and-publish`). */
  readonly listAndPublish = this.containerStep('list-and-publish');

  /** Drains a queue, running an action per object (task container `consume`). */
  readonly consume = this.containerStep('consume');

  /**
   * Runs one named action (task container `action`): `{ action: 'greet', params: { name: input.name } }`, with
   * `item: { bucket, key }` for an action on an S3 object, or the container's own `input: { action: { name, params },
   * item }`. Params are typed by the action's name (`Actions`); the result is the action's (or `returns: shape<T>()`).
   */
  action<const O extends ActionOptions<D>, const N extends string = string>(
    name: N,
    options: OptionsArgument<O, In, Vars>,
  ): TaskStep<In, ContainerResult<'action', O>, O, Vars, D> &
    NamedTask<N, ContainerDispatch<TaskContainers['action']['input']>, ContainerResult<'action', O>> {
    const resolved = resolveOptions(options) as unknown as Record<string, unknown>;
    const { action, params, item, ...rest } = resolved;
    if (typeof action === 'string' && 'input' in rest)
      throw new DslError(`${name}: give either action/params/item or input, not both`, captureCallSite());
    const written =
      typeof action === 'string'
        ? {
            ...rest,
            input: {
              action: params === undefined ? { name: action } : { name: action, params },
              ...(item === undefined ? {} : { item }),
            },
          }
        : resolved;
    return typed(
      this.register(
        new TaskContainerStep('action', name, written as ContainerOptions<QueryLanguage, unknown>, captureCallSite()),
      ),
    );
  }

  /** Zips objects into one archive and uploads it (task container `zip-archive`). */
  readonly zipArchive = this.containerStep('zip-archive');

  /**
   * A step run by one of the project's own task containers (`defineTask`): `task` names it, `input` is typed by it
   * once the project declares it (`declare module 'stepforge' { interface Tasks { shout: typeof shout } }`).
   */
  userTask<const O extends UserTaskOptions<D>, const N extends string = string>(
    name: N,
    options: OptionsArgument<O, In, Vars>,
  ): TaskStep<In, UserTaskResult<O>, O, Vars, D> &
    NamedTask<N, ContainerDispatch<UserTaskInputOf<O>>, UserTaskResult<O>> {
    const { task, ...rest } = resolveOptions(options) as unknown as { task: string } & ContainerOptions<
      QueryLanguage,
      unknown
    >;
    return typed(this.register(new TaskContainerStep(task, name, rest, captureCallSite())));
  }
}
