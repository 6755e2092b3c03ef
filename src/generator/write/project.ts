import type { JsonObject } from '../asl/json.ts';

export interface QueueSpec {
  readonly name: string;
  readonly fifo: boolean;
  readonly dlq?: { readonly name: string; readonly maxReceiveCount: number };
}

export interface WorkflowResources {
  readonly activities: readonly string[];
  readonly queues: readonly QueueSpec[];
  readonly buckets: readonly string[];
}

/** One workflow, compiled: what every writer needs and nothing that depends on where it is written. */
export interface CompiledWorkflow {
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly asl: JsonObject;
  readonly resources: WorkflowResources;
  /** The task containers it dispatches to (`zip-archive`, ...), sorted. */
  readonly tasks: readonly string[];
}

export function byName(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
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
  return [...tasks].sort(byName);
}

/** Activities, queues and buckets of all workflows together, each once, sorted by name. */
export function mergedResources(workflows: readonly CompiledWorkflow[]): WorkflowResources {
  const activities = new Set<string>();
  const buckets = new Set<string>();
  const queues = new Map<string, QueueSpec>();
  for (const { resources } of workflows) {
    for (const activity of resources.activities) activities.add(activity);
    for (const bucket of resources.buckets) buckets.add(bucket);
    for (const queue of resources.queues) {
      const known = queues.get(queue.name);
      // Two workflows may name one queue; the declaration that asks for a DLQ wins.
      if (!known || (!known.dlq && queue.dlq)) queues.set(queue.name, queue);
    }
  }
  return {
    activities: [...activities].sort(byName),
    queues: [...queues.values()].sort((a, b) => byName(a.name, b.name)),
    buckets: [...buckets].sort(byName),
  };
}
