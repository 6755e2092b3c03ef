// runWorkflow: one execution of a workflow in-process, following Step Functions' semantics, with mocked tasks and
// (by default) virtual time. Resolves with the execution's status, output or error/cause, history events, step rows
// and the path of state names; rejects only for a mistake in the call (a reached Task without a mock, a state type
// or field the runner does not support), never for a failed execution.
import { TaskTokens } from './callbacks.ts';
import { type Clock, RealClock, VirtualClock } from './clock.ts';
import { branchResolverFromAsl, foldSteps, type StepRow } from '../contracts/steps/index.ts';
import { type Definition, readDefinition, type WorkflowSource } from './definition.ts';
import { RunnerError, StatesError, STATES, toStatesError } from './errors.ts';
import { beginExecution, History, type HistoryEvent, payload } from './history.ts';
import type { MapRun } from './interpreter/distributed-map/index.ts';
import type { Execution } from './interpreter/execution.ts';
import { checkPayloadSize } from './interpreter/payload-size.ts';
import { runStates, type StatesGraph } from './interpreter/run-states.ts';
import { newThreadRecords, type ThreadRecords } from './interpreter/resume.ts';
import { VariableScope } from './interpreter/variables.ts';
import type { Workflow } from '../dsl/workflow.ts';
import { cloneJson, type JsonObject, type JsonValue } from './json.ts';
import type { MocksFor, TaskMocks, WorkflowInput } from './mocks.ts';
import { seeded } from './random.ts';
import { MemoryS3, type S3Seed } from './s3/index.ts';

export type RunStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface RunOptions<Mocks = TaskMocks> {
  /**
   * Task mocks, by Task state name or by resource ARN. For a DSL workflow whose type knows its Task states (see
   * `MocksFor`), the names are checked and each handler's input and result are typed from the state.
   */
  readonly tasks?: Mocks;
  /** 'virtual' (default): Wait, Retry intervals, task delays and timeouts take no real time. 'real': they wait. */
  readonly clock?: 'virtual' | 'real';
  readonly context?: {
    readonly executionName?: string;
    /** `$$.StateMachine.Name` (and the ARNs built from it); default the DSL workflow's name, or 'stepforge-testing'. */
    readonly stateMachineName?: string;
    /** Start time of the execution (virtual clock); default 2026-01-01T00:00:00.000Z, so runs repeat exactly. */
    readonly startTime?: Date | string;
    readonly region?: string;
    readonly account?: string;
    readonly roleArn?: string;
  };
  /**
   * The run's S3: objects by `'bucket/key'` (`'bucket/'` for an empty bucket), or a MemoryS3 to share between runs.
   * Distributed Map ItemReader/ResultWriter use it; given, `aws-sdk:s3:*` Tasks without a mock use it too.
   */
  readonly s3?: S3Seed | MemoryS3;
  /** Seed for JitterStrategy FULL, States.MathRandom, States.UUID and JSONata $random/$uuid (default 1). */
  readonly seed?: number;
}

/** Phantom key: the mocks a run took (typed for a DSL workflow), so that `redrive(run, { tasks })` takes the same. */
export const RUN_MOCKS: unique symbol = Symbol.for('stepforge.testing.mocks');

export interface RunResult<Output = JsonValue, Mocks = TaskMocks> {
  /** Never set at run time. */
  readonly [RUN_MOCKS]?: Mocks;
  readonly status: RunStatus;
  readonly output?: Output;
  readonly error?: string;
  readonly cause?: string;
  readonly events: readonly HistoryEvent[];
  /** One row per state entered, in the order they were entered: `foldSteps(events)`, as the server's steps view. */
  readonly steps: readonly StepRow[];
  /** The names of the states entered, in order (nested states included). */
  readonly path: readonly string[];
  /** The run's S3 as the run left it (what ResultWriter and `aws-sdk:s3:putObject` Tasks wrote). */
  readonly s3: MemoryS3;
  /**
   * The Map Runs of its Distributed Maps: each child execution with its own history (the execution's `events`
   * show only MapRunStarted / MapRunSucceeded or MapRunFailed for them, as in Step Functions).
   */
  readonly mapRuns: readonly MapRun[];
}

const DEFAULT_START = '2026-01-01T00:00:00.000Z';

/**
 * A DSL workflow: the execution input is typed from the workflow (`workflow<OrderInput>(...)`), and `tasks` from
 * the Task states its type knows (`MocksFor`).
 */
export async function runWorkflow<W extends Workflow<any, any>, Output = JsonValue>(
  source: W,
  input: WorkflowInput<W>,
  options?: RunOptions<MocksFor<W>>,
): Promise<RunResult<Output, MocksFor<W>>>;
export async function runWorkflow<Output = JsonValue>(
  source: JsonObject | string,
  input?: unknown,
  options?: RunOptions,
): Promise<RunResult<Output>>;
export async function runWorkflow<Output = JsonValue>(
  source: WorkflowSource,
  input: unknown = {},
  options: RunOptions<unknown> = {},
): Promise<RunResult<Output>> {
  return finish(await execute<Output>(readDefinition(source), input, options));
}

/** The result as the API gives it: `steps` folded when first read, the redrive seed kept out of sight. */
export function finish<Output>(unfolded: Executed<Output>): RunResult<Output> {
  const { run, seed } = unfolded;
  const { definition } = seed;
  Object.defineProperty(run, REDRIVE_SEED, { value: seed, enumerable: false });
  // The same fold the server and `stepforge history` apply to a LocalStack history, so both show the same rows;
  // folded when first read, so a run whose steps nobody reads does not pay for it.
  let steps: StepRow[] | undefined;
  return Object.defineProperty(run, 'steps', {
    enumerable: true,
    get: () => {
      steps ??= foldSteps(run.events, branchResolverFromAsl(definition.asl));
      return steps;
    },
  }) as RunResult<Output>;
}

type Unfolded<Output> = Omit<RunResult<Output>, 'steps'>;

/** What a finished run keeps so that `redrive(run)` can continue it. */
export interface RedriveSeed {
  readonly definition: Definition;
  readonly input: unknown;
  readonly options: RunOptions<unknown>;
  readonly status: RunStatus;
  readonly events: readonly HistoryEvent[];
  readonly path: readonly string[];
  readonly contextBase: JsonObject;
  readonly records: ThreadRecords;
  readonly redriveCount: number;
  readonly endTime: number;
}

export const REDRIVE_SEED = Symbol('stepforge.testing.redrive');

interface Executed<Output> {
  readonly run: Unfolded<Output>;
  readonly seed: RedriveSeed;
}

/** Runs the definition, or (`from`) redrives the run a seed was kept of: its history goes on. */
export async function execute<Output>(
  read: Definition,
  input: unknown,
  options: RunOptions<unknown>,
  from?: RedriveSeed,
): Promise<Executed<Output>> {
  const definition = options.context?.stateMachineName ? { ...read, name: options.context.stateMachineName } : read;
  const region = options.context?.region ?? 'us-east-1';
  const account = options.context?.account ?? '000000000000';
  const start = from
    ? Math.max(from.endTime, options.clock === 'real' ? Date.now() : 0)
    : new Date(options.context?.startTime ?? (options.clock === 'real' ? new Date() : DEFAULT_START)).getTime();
  const clock: Clock = options.clock === 'real' ? new RealClock() : new VirtualClock(start);
  const executionName = options.context?.executionName ?? 'stepforge-testing-execution';
  const stateMachineArn = `arn:aws:states:${region}:${account}:stateMachine:${definition.name}`;
  const executionInput = toJsonInput(input);
  const roleArn = options.context?.roleArn ?? `arn:aws:iam::${account}:role/stepforge-testing`;
  const history = new History(() => clock.now());
  const s3 = options.s3 instanceof MemoryS3 ? options.s3 : new MemoryS3(options.s3 ?? {}, () => new Date(clock.now()));
  const redriveCount = from ? from.redriveCount + 1 : 0;
  const execution: Execution = {
    history,
    clock,
    mocks: (options.tasks ?? {}) as TaskMocks,
    calls: new Map(),
    tokens: new TaskTokens(),
    random: seeded(options.seed ?? 1),
    contextBase: from
      ? redrivenContext(from.contextBase, redriveCount, new Date(clock.now()).toISOString())
      : {
          Execution: {
            Id: `arn:aws:states:${region}:${account}:execution:${definition.name}:${executionName}`,
            Input: executionInput,
            Name: executionName,
            RoleArn: roleArn,
            StartTime: new Date(clock.now()).toISOString(),
            RedriveCount: 0,
          },
          StateMachine: { Id: stateMachineArn, Name: definition.name },
        },
    path: [...(from?.path ?? [])],
    steps: [],
    region,
    account,
    mapRuns: [],
    s3,
    s3Integrations: options.s3 !== undefined,
    records: newThreadRecords(),
    ...(from && { resume: from.records }),
    redriveCount,
  };
  const thread = { last: 0 };
  beginExecution(
    history,
    thread,
    { ...payload('input', executionInput), roleArn, stateMachineArn },
    from && { events: from.events, redriveCount },
  );
  const controller = new AbortController();
  const language = definition.asl.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  const frame = {
    execution,
    scope: new VariableScope(),
    thread,
    key: '',
    language,
    signal: controller.signal,
  } as const;
  const running = runStates(definition.asl as unknown as StatesGraph, cloneJson(executionInput), frame);
  const timeoutSeconds = definition.asl.TimeoutSeconds;
  const finished = await settle(
    running,
    typeof timeoutSeconds === 'number' ? clock : undefined,
    Number(timeoutSeconds) * 1000,
    controller,
  );
  const result = { events: history.events, path: execution.path, s3, mapRuns: execution.mapRuns };
  const run = conclude<Output>(finished, history, thread, result);
  const seed: RedriveSeed = {
    definition: read,
    input,
    // The redrive shares the run's S3, as the bucket of a real one outlives it.
    options: { ...options, ...(options.s3 !== undefined && { s3 }) },
    status: run.status,
    events: [...history.events],
    path: [...execution.path],
    contextBase: execution.contextBase,
    records: execution.records,
    redriveCount,
    endTime: clock.now(),
  };
  return { run, seed };
}

function conclude<Output>(
  finished: Finished,
  history: History,
  thread: { last: number },
  result: Pick<RunResult, 'events' | 'path' | 's3' | 'mapRuns'>,
): Unfolded<Output> {
  if (finished.kind === 'timeout') {
    history.add(thread, 'ExecutionTimedOut', {
      error: STATES.Timeout,
      cause: 'The execution timed out (TimeoutSeconds of the state machine)',
    });
    return { status: 'TIMED_OUT', error: STATES.Timeout, ...result };
  }
  if (finished.kind === 'output') {
    try {
      checkPayloadSize(finished.output, 'execution', 'output');
    } catch (error) {
      return failed(history, thread, toStatesError(error), result);
    }
    history.add(thread, 'ExecutionSucceeded', payload('output', finished.output));
    return { status: 'SUCCEEDED', output: finished.output as Output, ...result };
  }
  if (finished.error instanceof RunnerError) throw finished.error;
  if (
    !(finished.error instanceof StatesError) &&
    finished.error instanceof Error &&
    !(finished.error as { error?: unknown }).error
  ) {
    // A bug of the runner, not a failure of the workflow: say so rather than report a made-up error name.
    throw finished.error;
  }
  return failed(history, thread, toStatesError(finished.error), result);
}

function failed<Output>(
  history: History,
  thread: { last: number },
  error: StatesError,
  rest: Pick<RunResult, 'events' | 'path' | 's3' | 'mapRuns'>,
): Unfolded<Output> {
  // A Fail state without Error or Cause leaves them out of the event and the result, as Step Functions does.
  const named = {
    ...(error.error !== '' && { error: error.error }),
    ...(error.cause !== '' && { cause: error.cause }),
  };
  history.add(thread, 'ExecutionFailed', named);
  return { status: 'FAILED', ...named, ...rest };
}

type Finished =
  | { readonly kind: 'output'; readonly output: JsonValue }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'timeout' };

async function settle(
  running: Promise<JsonValue>,
  clock: Clock | undefined,
  timeoutMs: number,
  controller: AbortController,
): Promise<Finished> {
  const outcome = running.then(
    (output): Finished => ({ kind: 'output', output }),
    (error: unknown): Finished => ({ kind: 'error', error }),
  );
  if (!clock) return outcome;
  const timer = new AbortController();
  const timeout = clock.sleep(timeoutMs, timer.signal).then(
    (): Finished => ({ kind: 'timeout' }),
    (): Finished => ({ kind: 'timeout' }),
  );
  const first = await Promise.race([outcome, timeout]);
  timer.abort();
  if (first.kind === 'timeout') {
    controller.abort(new StatesError(STATES.Timeout, 'The execution timed out'));
    // Every thread stops on the abort (a Task's attempt ends with it, a Wait's sleep too): wait for them, so the
    // run's record of where each stopped is complete for a redrive.
    await outcome;
  }
  return first;
}

function toJsonInput(input: unknown): JsonValue {
  if (input === undefined) return {};
  try {
    return JSON.parse(JSON.stringify(input)) as JsonValue;
  } catch (error) {
    throw new RunnerError(`runWorkflow: the input is not JSON: ${(error as Error).message}`);
  }
}

/** The Context object of a redrive: the execution's, with RedriveCount and RedriveTime. */
function redrivenContext(base: JsonObject, redriveCount: number, redriveTime: string): JsonObject {
  return {
    ...base,
    Execution: { ...(base.Execution as JsonObject), RedriveCount: redriveCount, RedriveTime: redriveTime },
  };
}
