// The task registry: every task container by its CLI name, as `stepforge worker` and `stepforge run` find them.
import { listAndPublishTask } from './list-and-publish/index.ts';
import type { AnyTaskDefinition } from './runtime/task.ts';
import { zipArchiveTask } from './zip-archive/index.ts';

export const tasks: Readonly<Record<string, AnyTaskDefinition>> = {
  [listAndPublishTask.name]: listAndPublishTask,
  [zipArchiveTask.name]: zipArchiveTask,
};

export function findTask(name: string): AnyTaskDefinition | undefined {
  return Object.hasOwn(tasks, name) ? tasks[name] : undefined;
}

export { listAndPublishTask, zipArchiveTask };
