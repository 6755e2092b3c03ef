// `stepforge/tasks`: the worker runtime and the task containers, for code that runs or defines tasks.
export * from '../tasks/runtime/index.ts';
export * from '../tasks/index.ts';
