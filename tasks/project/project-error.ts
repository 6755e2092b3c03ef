/** A project's own actions/tasks cannot be used: a bad config, a module that fails to load, a duplicate name. */
export class ProjectError extends Error {
  override readonly name = 'ProjectError';
}
