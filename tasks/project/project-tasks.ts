import { createActionTask } from '../action/action-task.ts';
import type { Action } from '../action/action.ts';
import { builtInActions } from '../action/actions/index.ts';
import { type ActionRegistry, createActionRegistry } from '../action/registry.ts';
import { createConsumeTask } from '../consume/index.ts';
import { listAndPublishTask } from '../list-and-publish/index.ts';
import type { AnyTaskDefinition } from '../runtime/task.ts';
import { zipArchiveTask } from '../zip-archive/index.ts';
import { checkUniqueNames, discoverDefinitions, type Found } from './discover.ts';
import { readProjectFolders } from './project-config.ts';

/** Every task a worker of this project can run, and the actions the action and consume tasks know. */
export interface ProjectTasks {
  readonly tasks: Readonly<Record<string, AnyTaskDefinition>>;
  readonly actions: ActionRegistry;
  /** Where each of the project's own definitions came from (`actions/greet.ts`), by kind and name. */
  readonly origins: { readonly actions: ReadonlyMap<string, string>; readonly tasks: ReadonlyMap<string, string> };
}

const BUILT_IN = 'built-in';

/** The built-in tasks and actions with the project's own added; a name used twice is an error naming both origins. */
export function combineTasks(userActions: readonly Found<Action>[], userTasks: readonly Found<AnyTaskDefinition>[]) {
  const actions = [...builtInActions.map((definition) => ({ definition, origin: BUILT_IN })), ...userActions];
  checkUniqueNames('action', actions);
  const registry = createActionRegistry(actions.map((entry) => entry.definition));
  const builtInTasks: AnyTaskDefinition[] = [
    listAndPublishTask,
    createConsumeTask(registry),
    createActionTask(registry),
    zipArchiveTask,
  ];
  const tasks = [...builtInTasks.map((definition) => ({ definition, origin: BUILT_IN })), ...userTasks];
  checkUniqueNames('task', tasks);
  return {
    tasks: Object.fromEntries(tasks.map((entry) => [entry.definition.name, entry.definition])),
    actions: registry,
    origins: {
      actions: new Map(userActions.map((entry) => [entry.definition.name, entry.origin])),
      tasks: new Map(userTasks.map((entry) => [entry.definition.name, entry.origin])),
    },
  } satisfies ProjectTasks;
}

/**
 * The tasks `stepforge worker`/`run` of the project at `root` offer: the built-ins plus what its configured folders
 * (stepforge.config.ts, package.json's "stepforge", else `actions/` and `tasks/`) define.
 */
export async function loadProjectTasks(root: string): Promise<ProjectTasks> {
  const folders = await readProjectFolders(root);
  const found = await discoverDefinitions(folders, root);
  return combineTasks(found.actions, found.tasks);
}
