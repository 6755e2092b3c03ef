// `stepforge/tasks`: the task registry (every built-in task container by its CLI name), what a project defines its
// own actions and tasks with, and how `stepforge worker`/`run` find those.
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
export * from './define/index.ts';
export { loadProjectTasks, ProjectError, type ProjectTasks } from './project/index.ts';
export type { ActionContext, ObjectRef } from './action/index.ts';
export type { AnyTaskDefinition, TaskContext, TaskDefinition } from './runtime/index.ts';
export { TaskError } from './runtime/index.ts';
