// Actions: what consume and the action task do with an object or a batch of messages.
export type {
  Action,
  ActionContext,
  ActionResult,
  BoundAction,
  MessageBatchAction,
  MessageVerdict,
  ObjectAction,
  ObjectRef,
  ParamsAction,
  QueuedMessage,
} from './action.ts';
export {
  actionTask,
  type ActionTaskInput,
  type ActionTaskOutput,
  createActionTask,
  type ObjectActionTaskOutput,
  readObjectRef,
} from './action-task.ts';
export { type ActionRegistry, createActionRegistry, defaultActionRegistry, readActionSpec } from './registry.ts';
export { messagesOfObject, runObjectAction } from './run-action.ts';
export { builtInActions } from './actions/index.ts';
export { mergeLines } from './daily-merge/merge-day-file.ts';
