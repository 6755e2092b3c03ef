// The actions and task containers a workflow may name, typed. The built-ins are here; a project adds its own by
// augmenting the package's interfaces (stepforge init writes this file, `stepforge-env.d.ts`):
//   declare module 'stepforge' { interface Actions { greet: typeof greet } interface Tasks { shout: typeof shout } }
import type {
  ActionKind,
  ActionTypes,
  BuiltInActions,
  ConsumeInput,
  S3ObjectRef,
  TaskTypes,
} from '../../contracts/index.ts';

/** Every action a workflow may name: the built-ins and what a project declares (`greet: typeof greet`). */
export interface Actions extends BuiltInActions {}

/** The project's own task containers (`shout: typeof shout`), reached with `steps.userTask(...)`. */
// biome-ignore lint/suspicious/noEmptyInterface: filled by a project's `declare module 'stepforge'`
export interface Tasks {}

export type ActionName = keyof Actions & string;
export type UserTaskName = keyof Tasks & string;

type ActionTypesOf<Name extends ActionName> = NonNullable<
  Actions[Name] extends ActionTypes<unknown, unknown, ActionKind> ? Actions[Name]['~types'] : never
>;

export type ActionParams<Name extends ActionName> = ActionTypesOf<Name>['params'];
export type ActionResultOf<Name extends ActionName> = ActionTypesOf<Name>['result'];
export type ActionKindOf<Name extends ActionName> = ActionTypesOf<Name>['kind'];

/** `{ name, params }` of one named action: params optional only when every one of them is. */
export type ActionSpecFor<Name extends ActionName> =
  {} extends ActionParams<Name>
    ? { readonly name: Name; readonly params?: ActionParams<Name> }
    : { readonly name: Name; readonly params: ActionParams<Name> };

/** The action task's input: an object action needs `item`, a params action takes none. */
export type ActionStepInput = {
  [Name in ActionName]: ActionKindOf<Name> extends 'params'
    ? { readonly action: ActionSpecFor<Name>; readonly item?: never }
    : { readonly action: ActionSpecFor<Name>; readonly item: S3ObjectRef };
}[ActionName];

/**
 * The action step's shorthand: `{ action: 'greet', params: { name } }` (plus `item` for an object action) instead of
 * `input: { action: { name, params }, item }`; the step writes the same input.
 */
export type ActionShorthand = {
  [Name in ActionName]: ActionKindOf<Name> extends 'params'
    ? { readonly action: Name; readonly item?: never } & ParamsField<Name>
    : { readonly action: Name; readonly item: S3ObjectRef } & ParamsField<Name>;
}[ActionName];

type ParamsField<Name extends ActionName> =
  {} extends ActionParams<Name> ? { readonly params?: ActionParams<Name> } : { readonly params: ActionParams<Name> };

/** consume runs object and batch actions (a params action has no object to run on). */
export type ConsumeStepInput = Omit<ConsumeInput, 'action'> & {
  readonly action: {
    [Name in ActionName]: ActionKindOf<Name> extends 'params' ? never : ActionSpecFor<Name>;
  }[ActionName];
};

/** What the action task returns for it: a params action's own result, else `{ action, item, result }`. */
export type ActionStepOutput<Name extends ActionName> =
  ActionKindOf<Name> extends 'params'
    ? ActionResultOf<Name>
    : { readonly action: Name; readonly item: S3ObjectRef; readonly result: ActionResultOf<Name> };

type TaskTypesOf<Name extends UserTaskName> = NonNullable<
  Tasks[Name] extends TaskTypes<unknown, unknown> ? Tasks[Name]['~types'] : never
>;

export type UserTaskInput<Name extends UserTaskName> = TaskTypesOf<Name>['input'];
export type UserTaskOutput<Name extends UserTaskName> = TaskTypesOf<Name>['output'];
