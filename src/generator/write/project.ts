import { compareCodeUnits, type QueueSpec, type WorkflowResources } from '../../contracts/index.ts';
import type { JsonObject } from '../asl/json.ts';
import { GenerateError } from '../generate-error.ts';

/** One workflow, compiled: what every writer needs and nothing that depends on where it is written. */
export interface CompiledWorkflow {
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly asl: JsonObject;
  readonly resources: WorkflowResources;
  /** The task containers it dispatches to (`zip-archive`, ...), sorted. */
  readonly tasks: readonly string[];
  /** Declared environment of its workers, by task (placeholders unresolved). */
  readonly workerEnvironment?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Task containers a workflow reaches, read from the resource names the internal contracts fix. */
export function tasksOf(resources: WorkflowResources): string[] {
  const tasks = new Set<string>();
  for (const activity of resources.activities) {
    const match = /^stepforge-(.+)$/.exec(activity);
    if (match) tasks.add(match[1]!);
  }
  for (const queue of resources.queues) {
    const match = /^stepforge-(.+)-tasks$/.exec(queue.name);
    if (match) tasks.add(match[1]!);
  }
  return [...tasks].sort(compareCodeUnits);
}

function describeQueue(queue: QueueSpec): string {
  return queue.dlq ? `with DLQ "${queue.dlq.name}" (maxReceiveCount ${queue.dlq.maxReceiveCount})` : 'without DLQ';
}

/**
 * Activities, queues and buckets of all workflows together, each once, sorted by name. Two workflows may name one
 * queue; the declaration that asks for a DLQ wins, but two different DLQs (or a queue that is another's DLQ) are
 * refused, naming both workflows, since the account can hold only one of them.
 */
export function mergedResources(workflows: readonly CompiledWorkflow[]): WorkflowResources {
  const activities = new Set<string>();
  const buckets = new Set<string>();
  const queues = new Map<string, { spec: QueueSpec; workflow: string }>();
  for (const { name: workflow, resources } of workflows) {
    for (const activity of resources.activities) activities.add(activity);
    for (const bucket of resources.buckets) buckets.add(bucket);
    for (const queue of resources.queues) {
      const known = queues.get(queue.name);
      if (
        known?.spec.dlq &&
        queue.dlq &&
        (known.spec.dlq.name !== queue.dlq.name || known.spec.dlq.maxReceiveCount !== queue.dlq.maxReceiveCount)
      ) {
        throw new GenerateError(
          `queue "${queue.name}": workflow "${known.workflow}" declares it ${describeQueue(known.spec)}, workflow "${workflow}" ${describeQueue(queue)}`,
        );
      }
      if (!known || (!known.spec.dlq && queue.dlq)) queues.set(queue.name, { spec: queue, workflow });
    }
  }
  for (const { spec, workflow } of queues.values()) {
    const clash = spec.dlq ? queues.get(spec.dlq.name) : undefined;
    if (spec.dlq && clash) {
      throw new GenerateError(
        `queue "${spec.dlq.name}" is the DLQ of "${spec.name}" in workflow "${workflow}" and a queue of its own in workflow "${clash.workflow}"`,
      );
    }
  }
  return {
    activities: [...activities].sort(compareCodeUnits),
    queues: [...queues.values()].map(({ spec }) => spec).sort((a, b) => compareCodeUnits(a.name, b.name)),
    buckets: [...buckets].sort(compareCodeUnits),
  };
}
