// A workflow: a named state machine, its top-level graph, and what the generator reads from it
// (docs/internal-contracts.md, "DSL -> generator"): toAsl(), locations(), resources(), name, type.
import { compareCodeUnits, type QueueSpec, type WorkflowResources } from '../contracts/index.ts';
import type { AslStateMachine, JsonObject, QueryLanguage } from './asl-types.ts';
import { captureCallSite, plainLocation, type SourceLocation } from './call-site.ts';
import type { TaskContainerName } from './containers/payloads.ts';
import { TaskContainerStep } from './containers/task-container.ts';
import { DslError } from './dsl-error.ts';
import { attach, StateGraph } from './graph.ts';
import type { HasTasks, TasksOf } from './phantom.ts';
import { renderGraph } from './render-graph.ts';
import { declaredQueueSpecs, type QueueDeclaration } from './queue-declaration.ts';
import { scanPlaceholders } from './resources.ts';
import { carriedStates, holdsTask } from './task-coverage.ts';
import { type Linkable, type State, startOf } from './state.ts';
import { Steps } from './steps.ts';

const WORKFLOW = Symbol.for('stepforge.workflow');
const NAME = /^[A-Za-z0-9_-]{1,80}$/;

export type WorkflowType = 'STANDARD' | 'EXPRESS';

export interface DeclaredResources {
  readonly buckets?: readonly string[];
  /** `'jobs'`, or `{ name: 'jobs', deadLetter: { maxReceiveCount: 3 } }` for a queue with a DLQ. */
  readonly queues?: readonly QueueDeclaration[];
  readonly activities?: readonly string[];
}

export interface WorkflowOptions {
  /** Default STANDARD. */
  readonly type?: WorkflowType;
  /** The top-level QueryLanguage (default JSONPath); states inherit it unless they set their own. */
  readonly queryLanguage?: QueryLanguage;
  readonly comment?: string;
  readonly timeoutSeconds?: number;
  readonly version?: string;
  /** Buckets, queues and activities deploy must create besides those the steps imply. */
  readonly resources?: DeclaredResources;
  /**
   * Environment a task's worker needs for this workflow, by task (`{ 'zip-archive': { S3_SOURCE_BUCKET:
   * placeholder.bucket('media-source') } }`). Values may hold placeholders (`bucket`, `queue`, `queueArn`,
   * `activity`) and `${endpoint}`; `stepforge dev` resolves them from the deploy for the workers it starts, and a
   * variable the user exported wins.
   */
  readonly workerEnvironment?: WorkerEnvironment;
}

/** Variable name -> value (with placeholders), by task container. */
export type WorkerEnvironment = Readonly<Partial<Record<TaskContainerName, Readonly<Record<string, string>>>>>;

const VARIABLE = /^[A-Z_][A-Z0-9_]*$/;

type AllTasks<T extends readonly unknown[]> = T extends readonly [infer First, ...infer Rest]
  ? TasksOf<First> & AllTasks<Rest>
  : {};

export class Workflow<Input = unknown, D extends QueryLanguage = 'JSONPath'> extends Steps<Input, {}, D> {
  readonly [WORKFLOW] = true;
  readonly type: WorkflowType;
  readonly createdAt: SourceLocation;
  private readonly topGraph: StateGraph;
  private readonly declaredQueues: readonly QueueSpec[];
  private startSetAt: SourceLocation | undefined;

  constructor(
    readonly name: string,
    private readonly options: WorkflowOptions,
    createdAt: SourceLocation,
  ) {
    const graph = new StateGraph(`workflow "${name}"`, createdAt);
    super(graph);
    this.topGraph = graph;
    this.createdAt = createdAt;
    if (typeof name !== 'string' || !NAME.test(name)) {
      throw new DslError(
        `workflow name must be 1-80 letters, digits, "-" or "_", got ${JSON.stringify(name)}`,
        createdAt,
      );
    }
    const type = options.type ?? 'STANDARD';
    if (type !== 'STANDARD' && type !== 'EXPRESS') {
      throw new DslError(`workflow "${name}".type: must be STANDARD or EXPRESS, got ${String(type)}`, createdAt);
    }
    this.type = type;
    this.declaredQueues = declaredQueueSpecs(
      options.resources?.queues ?? [],
      `workflow "${name}".resources.queues`,
      createdAt,
    );
    for (const [task, variables] of Object.entries(options.workerEnvironment ?? {})) {
      for (const [variable, value] of Object.entries(variables ?? {})) {
        const field = `workflow "${name}".workerEnvironment["${task}"].${variable}`;
        if (!VARIABLE.test(variable))
          throw new DslError(`${field}: a variable name is upper case letters, digits and "_"`, createdAt);
        if (typeof value !== 'string') throw new DslError(`${field}: must be a string, got ${typeof value}`, createdAt);
      }
    }
  }

  /** The declared worker environment, by task, as written (placeholders unresolved). */
  workerEnvironment(): WorkerEnvironment {
    return this.options.workerEnvironment ?? {};
  }

  /** Where execution starts (default: the first state created). Accepts a state or a chain. */
  start<T extends Linkable>(target: T): this & HasTasks<TasksOf<this> & TasksOf<T>> {
    const site = captureCallSite();
    if (this.startSetAt) throw new DslError(`workflow "${this.name}" already has a start`, this.startSetAt, site);
    const state = startOf(target);
    attach(state, this.topGraph, site);
    this.topGraph.start = state;
    this.startSetAt = site;
    return this as this & HasTasks<TasksOf<this> & TasksOf<T>>;
  }

  /**
   * Adds states built elsewhere (and everything linked to them) to this workflow; a state already in it stays as it
   * is. The type it returns knows their Task states, which `runWorkflow`'s typed mocks read.
   */
  add<T extends readonly Linkable[]>(...targets: T): this & HasTasks<TasksOf<this> & AllTasks<T>> {
    const site = captureCallSite();
    for (const target of targets) attach(startOf(target), this.topGraph, site);
    return this as this & HasTasks<TasksOf<this> & AllTasks<T>>;
  }

  /**
   * This workflow, typed with the Task states of `targets` (its own states, or chains of them), for a workflow built
   * by statements (`draft.start(a); a.next(b)`), whose type saw none of the links:
   * `export const orders = draft.withTasks(charge, notify)`. Call it once the graph is complete: every Task state of
   * the workflow must be given, alone or along a chain (a Map or Parallel brings its nested ones), so that
   * `runWorkflow`'s typed mocks know them all. Adds nothing: a state not already in this workflow is an error.
   */
  withTasks<T extends readonly Linkable[]>(...targets: T): this & HasTasks<TasksOf<this> & AllTasks<T>> {
    const site = captureCallSite();
    const call = `workflow "${this.name}".withTasks(...)`;
    const carried = carriedStates(targets);
    const own = new Set(this.allStates());
    for (const state of carried) {
      if (own.has(state)) continue;
      const where = state.graph ? `belongs to ${state.graph.label}` : 'is in no workflow yet';
      throw new DslError(
        `${call}: state "${state.name}" ${where}; give only states of this workflow, after linking them`,
        state.joinedAt ?? state.createdAt,
        site,
      );
    }
    const untyped = this.topGraph.states.filter((state) => holdsTask(state) && !carried.has(state));
    if (untyped.length > 0) {
      const names = untyped.map((state) => `"${state.name}"`).join(', ');
      throw new DslError(
        `${call}: not given: ${names} (a Task state, or a Map/Parallel holding one), which the workflow's type would then not know for typed mocks; give each, alone or on a chain`,
        site,
        ...untyped.map((state) => state.createdAt),
      );
    }
    return this as this & HasTasks<TasksOf<this> & AllTasks<T>>;
  }

  toAsl(): AslStateMachine {
    const context = { workflowLanguage: this.options.queryLanguage ?? 'JSONPath' } as const;
    const head: JsonObject = {};
    if (this.options.comment !== undefined) head.Comment = this.options.comment;
    if (this.options.queryLanguage !== undefined) head.QueryLanguage = this.options.queryLanguage;
    if (this.options.version !== undefined) head.Version = this.options.version;
    if (this.options.timeoutSeconds !== undefined) head.TimeoutSeconds = this.options.timeoutSeconds;
    return { ...head, ...renderGraph(this.topGraph, context) };
  }

  /** State path -> the DSL call that created it; `""` is the workflow(...) call. */
  locations(): ReadonlyMap<string, SourceLocation> {
    const found = new Map<string, SourceLocation>([['', plainLocation(this.createdAt)]]);
    const visit = (graph: StateGraph, prefix: string): void => {
      for (const state of graph.states) {
        const path = prefix + state.name;
        found.set(path, plainLocation(state.createdAt));
        for (const nested of state.nestedGraphs()) {
          visit(nested.graph, nested.pathSegment ? `${path}/${nested.pathSegment}/` : `${path}/`);
        }
      }
    };
    visit(this.topGraph, '');
    return found;
  }

  /** Every state of the workflow, nested ones included, in render order. */
  allStates(): State[] {
    const states: State[] = [];
    const visit = (graph: StateGraph): void => {
      for (const state of graph.states) {
        states.push(state);
        for (const nested of state.nestedGraphs()) visit(nested.graph);
      }
    };
    visit(this.topGraph);
    return states;
  }

  resources(): WorkflowResources {
    const declared = this.options.resources ?? {};
    const activities = new Set(declared.activities ?? []);
    const buckets = new Set(declared.buckets ?? []);
    const queues = new Map<string, QueueSpec>();
    for (const spec of this.declaredQueues) queues.set(spec.name, spec);
    for (const state of this.allStates()) {
      if (!(state instanceof TaskContainerStep)) continue;
      if (state.dispatch === 'activity') activities.add(state.activityName);
      else queues.set(state.queue.name, state.queue);
    }
    const scanned = { activities: new Set<string>(), queues: new Set<string>(), buckets: new Set<string>() };
    scanPlaceholders(this.toAsl(), scanned);
    for (const name of scanned.activities) activities.add(name);
    for (const name of scanned.buckets) buckets.add(name);
    // A placeholder may name a declared queue's DLQ (to read from it); that queue comes with its owner.
    const deadLetters = new Set([...queues.values()].flatMap((queue) => (queue.dlq ? [queue.dlq.name] : [])));
    for (const name of scanned.queues) {
      if (!queues.has(name) && !deadLetters.has(name)) queues.set(name, { name, fifo: name.endsWith('.fifo') });
    }
    return {
      activities: [...activities].sort(compareCodeUnits),
      queues: [...queues.values()].sort((left, right) => compareCodeUnits(left.name, right.name)),
      buckets: [...buckets].sort(compareCodeUnits),
    };
  }
}

/**
 * Declares a workflow: `workflow<OrderInput>('orders')`. The type argument is the execution input (the generator
 * turns it into the input JSON Schema); the result is also the state factory typed with that input.
 */
export function workflow<Input = unknown>(
  name: string,
  options: WorkflowOptions & { readonly queryLanguage: 'JSONata' },
): Workflow<Input, 'JSONata'>;
export function workflow<Input = unknown>(
  name: string,
  options?: WorkflowOptions & { readonly queryLanguage?: 'JSONPath' },
): Workflow<Input, 'JSONPath'>;
export function workflow<Input = unknown>(name: string, options: WorkflowOptions = {}): Workflow<Input, QueryLanguage> {
  return new Workflow<Input, QueryLanguage>(name, options, captureCallSite());
}

export function isWorkflow(value: unknown): value is Workflow<unknown, QueryLanguage> {
  return typeof value === 'object' && value !== null && (value as { [WORKFLOW]?: unknown })[WORKFLOW] === true;
}
