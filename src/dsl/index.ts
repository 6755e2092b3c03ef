// The workflow DSL: typed builders for every ASL state, rendered to account-independent ASL.
export type {
  AslGraph,
  AslState,
  AslStateMachine,
  AslStateType,
  JsonObject,
  JsonValue,
  QueryLanguage,
} from './asl-types.ts';
export type { SourceLocation } from './call-site.ts';
export { DslError } from './dsl-error.ts';
export {
  isWorkflow,
  workflow,
  Workflow,
  type WorkflowOptions,
  type WorkflowType,
  type DeclaredResources,
  type WorkerEnvironment,
} from './workflow.ts';
export { Steps, type MapItem, type MapScope } from './steps.ts';
export { $, context, variable, type ContextObject } from './context-object.ts';
export type { Path, Ref, RefTo, Untyped } from './refs.ts';
export { States, type Intrinsic, type HashAlgorithm } from './intrinsics.ts';
export { jsonata, type Expression } from './jsonata.ts';
export { Condition, type Rule, type Operand } from './condition.ts';
export { Errors, type RetryOptions, type CatchOptions } from './retry-catch.ts';
export { arn } from './arn.ts';
export { placeholder, type WorkflowResources } from './resources.ts';
export type {
  DeadLetterDeclaration,
  FifoQueueDeclaration,
  QueueDeclaration,
  StandardQueueDeclaration,
} from './queue-declaration.ts';
export { shape, type Shape } from './phantom.ts';
export type { Scope } from './options.ts';
export type { JsonataTemplate, JsonPathTemplate, Resolve } from './templates.ts';
export { State, type Chain, type EndedChain, type Linkable } from './state.ts';
export { Pass } from './states/pass.ts';
export { Task } from './states/task.ts';
export { Choice, type ChoiceCondition, type ChoiceRuleOptions } from './states/choice.ts';
export { Wait } from './states/wait.ts';
export { Succeed } from './states/succeed.ts';
export { Fail } from './states/fail.ts';
export { Parallel } from './states/parallel.ts';
export { MapState, type ItemBatcher, type ItemReader, type ResultWriter, type ProcessorConfig } from './states/map.ts';
export type { Dispatch, TemplateOf } from './containers/task-container.ts';
export type * from './containers/payloads.ts';
export type {
  ActionName,
  ActionParams,
  Actions,
  ActionSpecFor,
  ActionStepInput,
  ActionStepOutput,
  ConsumeStepInput,
  Tasks,
  UserTaskInput,
  UserTaskName,
  UserTaskOutput,
} from './containers/registries.ts';
export type { UserTaskOptions } from './steps.ts';

import { Steps } from './steps.ts';
/** Unbound factory: states created here join a workflow when linked to one (`wf.start(...)`, `next`, `add`). */
export const steps: Steps<unknown, {}, 'JSONPath'> = new Steps(undefined);
