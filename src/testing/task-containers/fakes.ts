// Ready-made mocks for the task-container steps that run the REAL task code (tasks/*: parseInput + run, as the
// workers' dispatchers do) against the run's in-memory S3 and an in-memory SQS, or against LocalStack (the SDK
// clients from the environment: AWS_ENDPOINT_URL). They answer container steps by their dispatch resources (the SQS
// `.waitForTaskToken` send to `stepforge-<task>-tasks`, or the `stepforge-<task>` activity), so one spread into
// `tasks` covers every container step of a workflow: the four built-ins, and a project's own `defineTask` tasks
// given as `tasks`, found in the registry `stepforge worker <task>` finds them in (combineTasks).
import { type AwsClients, createAwsClients, type Logger } from '../../aws/index.ts';
import type { Action } from '../../../tasks/action/action.ts';
import { definitionKind, type UserTask } from '../../../tasks/define/index.ts';
import { tasks as builtInTasks } from '../../../tasks/index.ts';
import { combineTasks } from '../../../tasks/project/index.ts';
import type { AnyTaskDefinition } from '../../../tasks/runtime/task.ts';
import { executeTask } from '../../../tasks/runtime/execute-task.ts';
import type { TaskContext } from '../../../tasks/runtime/task.ts';
import type { TaskContainerName, TaskContainers } from '../../contracts/index.ts';
import type { UserTaskName, UserTaskOutput } from '../../dsl/containers/registries.ts';
import { RunnerError } from '../errors.ts';
import { type TaskCall, TaskFailure, type TaskHandler } from '../mocks.ts';
import type { MemoryS3 } from '../s3/index.ts';
import { memoryS3Client, memorySqsClient } from './fake-clients.ts';
import type { MemorySqs } from './memory-sqs.ts';

const CONTAINERS: readonly TaskContainerName[] = ['list-and-publish', 'consume', 'action', 'zip-archive'];
const QUEUE_RESOURCE = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
/** A task's name as defineTask allows it (lower case, digits, dashes), in its queue or activity name. */
const TASK_IN_QUEUE = /stepforge-([a-z0-9][a-z0-9-]*)-tasks/;
const TASK_IN_ACTIVITY = /stepforge-([a-z0-9][a-z0-9-]*)\}?$/;

/** A project's own task container: what `defineTask` returns (`import shout from '../tasks/shout.ts'`). */
export type ProjectTask = UserTask<string, unknown, unknown>;

export type TaskContainerTarget =
  /** In-memory S3 (the run's) and SQS: no LocalStack, no network. */
  | { readonly s3: MemoryS3; readonly sqs: MemorySqs }
  /** The SDK clients from the environment (AWS_ENDPOINT_URL: LocalStack), or the ones given. */
  | 'localstack'
  | { readonly clients: AwsClients };

export interface TaskContainerFakeOptions {
  /** The environment the tasks read (zip-archive's S3_SOURCE_BUCKET, ...). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where the tasks' log lines go; silent by default. */
  readonly logger?: Logger;
  /**
   * The project's own actions (`defineAction` results, e.g. `import greet from '../actions/greet.ts'`): the action
   * and consume containers run them beside the built-ins, as `stepforge worker` does with the project's actions/.
   */
  readonly actions?: readonly Action[];
  /**
   * The project's own task containers (`defineTask` results, e.g. `import shout from '../tasks/shout.ts'`): their
   * `userTask` steps run the task's real code, input checked against its schema, as `stepforge worker <name>` does.
   */
  readonly tasks?: readonly ProjectTask[];
}

/** `tasks: { ...taskContainerFakes({ s3, sqs }) }`: every task-container step of the workflow runs its real code. */
export function taskContainerFakes(
  target: TaskContainerTarget,
  options: TaskContainerFakeOptions = {},
): Record<string, TaskHandler> {
  const clients = clientsFor(target);
  const handler = containerHandler(clients, options);
  const mocks: Record<string, TaskHandler> = { [QUEUE_RESOURCE]: handler };
  const names = [...CONTAINERS, ...(options.tasks ?? []).map((task) => task.name)];
  for (const name of names) mocks[`\${activity:stepforge-${name}}`] = handler;
  return mocks;
}

/**
 * One container step's fake, for a state mocked by name: `tasks: { Archive: taskContainerFake('zip-archive', ...) }`
 * (a project's own task: `taskContainerFake('shout', target, { tasks: [shout] })`).
 */
export function taskContainerFake<const Name extends TaskContainerName | UserTaskName>(
  name: Name,
  target: TaskContainerTarget,
  options: TaskContainerFakeOptions = {},
): TaskHandler<unknown, FakeResult<Name>> {
  return containerHandler(clientsFor(target), options, name) as TaskHandler<unknown, FakeResult<Name>>;
}

/**
 * What a fake answers, so that it fits the typed mock of its step: a project's task its `run`'s result, a built-in
 * its container's output; the action container whatever the step's action returns, which the step's type says.
 */
export type FakeResult<Name extends string> = Name extends UserTaskName
  ? UserTaskOutput<Name>
  : Name extends 'action'
    ? never
    : Name extends TaskContainerName
      ? TaskContainers[Name]['output']
      : unknown;

function clientsFor(target: TaskContainerTarget): AwsClients {
  if (target === 'localstack') return createAwsClients();
  if ('clients' in target) return target.clients;
  const unsupported = new Proxy({} as AwsClients['sfn'], {
    get: () => {
      throw new Error('the in-memory task-container fakes have no Step Functions client');
    },
  });
  return {
    s3: memoryS3Client(target.s3),
    sqs: memorySqsClient(target.sqs),
    sfn: unsupported,
    config: { endpoint: undefined, region: 'us-east-1', forcePathStyle: true } as unknown as AwsClients['config'],
  };
}

interface Envelope {
  readonly input: unknown;
  readonly execution?: string;
  readonly state?: string;
}

function containerHandler(clients: AwsClients, options: TaskContainerFakeOptions, fixed?: string): TaskHandler {
  const registry = tasksWith(options.actions ?? [], options.tasks ?? []);
  return (call: TaskCall<unknown>) => {
    const { task, envelope } = dispatched(call, fixed);
    const definition = Object.hasOwn(registry, task) ? registry[task] : undefined;
    if (!definition) {
      throw new RunnerError(
        `Task state "${call.stateName}": no task container named "${task}"; a project's own is given as taskContainerFakes(target, { tasks: [its defineTask result] })`,
      );
    }
    const context: TaskContext = {
      clients,
      logger: options.logger ?? SILENT,
      signal: call.signal,
      heartbeat: async () => call.heartbeat(),
      requestId: `${envelope.execution ?? 'stepforge-testing'}/${envelope.state ?? call.stateName}`,
      env: options.env ?? {},
    };
    return call.realTime(async () => {
      const outcome = await executeTask(definition, envelope.input, context);
      if (!outcome.ok) throw new TaskFailure(outcome.error, outcome.cause);
      return outcome.output;
    });
  };
}

/**
 * The task containers by name, as `stepforge worker` finds them: the built-ins, the project's own tasks, and action
 * and consume containers that know the project's actions too. A name given twice (or a built-in's) is refused there.
 */
function tasksWith(
  actions: readonly Action[],
  tasks: readonly ProjectTask[],
): Readonly<Record<string, AnyTaskDefinition>> {
  if (actions.length === 0 && tasks.length === 0) return builtInTasks;
  tasks.forEach((task, index) => {
    if (definitionKind(task) !== 'task')
      throw new RunnerError(`taskContainerFakes: options.tasks[${index}] is not a defineTask result`);
  });
  return combineTasks(
    actions.map((definition) => ({ definition, origin: 'taskContainerFakes({ actions })' })),
    tasks.map((definition) => ({ definition, origin: 'taskContainerFakes({ tasks })' })),
  ).tasks;
}

/** Which container a call is for (its queue or activity name) and the envelope it carries. */
function dispatched(call: TaskCall<unknown>, fixed: string | undefined): { task: string; envelope: Envelope } {
  const input = (call.input ?? {}) as { QueueUrl?: unknown; MessageBody?: unknown };
  const viaQueue = call.resource === QUEUE_RESOURCE;
  const envelope = (viaQueue ? input.MessageBody : input) as Envelope | undefined;
  const named = viaQueue ? TASK_IN_QUEUE.exec(String(input.QueueUrl))?.[1] : TASK_IN_ACTIVITY.exec(call.resource)?.[1];
  const task = fixed ?? named;
  if (!task || !envelope || typeof envelope !== 'object' || !('input' in envelope)) {
    throw new RunnerError(
      `Task state "${call.stateName}" is not a task-container step (resource ${call.resource}): mock it by name`,
    );
  }
  return { task, envelope };
}

const SILENT: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => SILENT,
};
