// The task `stepforge worker` and `stepforge run` name: a built-in one or this project's own (its actions/ and tasks/
// folders, or what stepforge.config.ts says). Imported inside `run`: it loads tasks/.
import type { AnyTaskDefinition } from '../../tasks/runtime/task.ts';
import { UsageError } from './usage-error.ts';

export async function findProjectTask(taskName: string, usage: string): Promise<AnyTaskDefinition> {
  const { loadProjectTasks } = await import('../../tasks/index.ts');
  const project = await loadProjectTasks(process.cwd());
  const definition = Object.hasOwn(project.tasks, taskName) ? project.tasks[taskName] : undefined;
  if (!definition)
    throw new UsageError(
      `unknown task "${taskName}" (tasks: ${Object.keys(project.tasks).join(', ')}); usage: ${usage}`,
    );
  return definition;
}
