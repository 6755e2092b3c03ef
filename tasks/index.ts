// The task registry: every task container by its CLI name, as `stepforge worker` and `stepforge run` find them.
import { actionTask } from './action/index.ts';
import { consumeTask } from './consume/index.ts';
import { listAndPublishTask } from './list-and-publish/index.ts';
import type { AnyTaskDefinition } from './runtime/task.ts';
import { zipArchiveTask } from './zip-archive/index.ts';

export const tasks: Readonly<Record<string, AnyTaskDefinition>> = {
  [listAndPublishTask.name]: listAndPublishTask,
  [consumeTask.name]: consumeTask,
  [actionTask.name]: actionTask,
  [zipArchiveTask.name]: zipArchiveTask,
};

export function findTask(name: string): AnyTaskDefinition | undefined {
  return Object.hasOwn(tasks, name) ? tasks[name] : undefined;
}

export { actionTask, consumeTask, listAndPublishTask, zipArchiveTask };
