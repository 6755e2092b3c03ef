// What a project writes its own actions and task containers with (exported as `stepforge/tasks`).
export {
  defineAction,
  type ActionRunArgs,
  type ObjectActionRunArgs,
  type UserObjectAction,
  type UserParamsAction,
} from './define-action.ts';
export { defineTask, type TaskOptions, type UserTask } from './define-task.ts';
export { definitionKind, type DefinitionKind } from './brand.ts';
export type { InputSchema, SchemaInput, SchemaOutput } from './schema-input.ts';
export type { StandardSchemaV1 } from './standard-schema.ts';
