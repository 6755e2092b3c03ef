// A project's own actions and tasks: where its config says they are, loaded and merged with the built-ins.
export { combineTasks, loadProjectTasks, type ProjectTasks } from './project-tasks.ts';
export { readProjectFolders, type ProjectFolders } from './project-config.ts';
export { discoverDefinitions, moduleFiles } from './discover.ts';
export { ProjectError } from './project-error.ts';
