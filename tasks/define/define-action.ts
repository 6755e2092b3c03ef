import type { ActionTypes } from '../../src/contracts/index.ts';
import type { ActionContext, ObjectAction, ObjectRef, ParamsAction } from '../action/action.ts';
import { type Branded, DEFINITION } from './brand.ts';
import { type InputSchema, parseWithSchema, type SchemaInput, type SchemaOutput } from './schema-input.ts';

/** What a user action's `run` gets: its validated params and the worker's clients, logger and AbortSignal. */
export interface ActionRunArgs<Params> extends ActionContext {
  readonly params: Params;
}

/** An object action's `run` also gets the S3 object (known to exist) it runs on. */
export interface ObjectActionRunArgs<Params> extends ActionRunArgs<Params> {
  readonly object: ObjectRef;
}

interface Common<Name extends string, Schema extends InputSchema> {
  /** The name a workflow's `action: { name }` uses; unique among the built-in and the project's actions. */
  readonly name: Name;
  /** A JSON Schema (`as const` for its type) or a Standard Schema validator (zod, valibot, arktype...). */
  readonly params: Schema;
}

export interface ParamsActionOptions<Name extends string, Schema extends InputSchema, Result>
  extends Common<Name, Schema> {
  readonly object?: false;
  run(args: ActionRunArgs<SchemaOutput<Schema>>): Promise<Result>;
}

export interface ObjectActionOptions<Name extends string, Schema extends InputSchema, Result extends object>
  extends Common<Name, Schema> {
  /** Runs per S3 object (`item` of the action task, each message of consume). */
  readonly object: true;
  run(args: ObjectActionRunArgs<SchemaOutput<Schema>>): Promise<Result>;
}

/** A user action as the worker runs it and the DSL types it (`interface Actions { greet: typeof greet }`). */
export type UserParamsAction<Name extends string, Params, Result> = ParamsAction<unknown> &
  ActionTypes<Params, Awaited<Result>, 'params'> &
  Branded<'action'> & { readonly name: Name };

export type UserObjectAction<Name extends string, Params, Result> = ObjectAction<unknown> &
  ActionTypes<Params, Awaited<Result>, 'object'> &
  Branded<'action'> & { readonly name: Name };

/** The overloads' options, as the implementation sees them (schemas and params untyped). */
interface AnyActionOptions {
  readonly name: string;
  readonly params: InputSchema;
  readonly object?: boolean;
  run(args: ActionRunArgs<unknown> & { readonly object?: ObjectRef }): Promise<unknown>;
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;

function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new Error(`defineAction: name "${name}" must be lower-case letters, digits and dashes (e.g. "send-mail")`);
  }
}

/**
 * Defines an action a workflow runs by name. Without `object: true` it takes params only: the action task runs it
 * once and its result is the task's output. With `object: true` it runs per S3 object, like http-post.
 */
export function defineAction<const Name extends string, const Schema extends InputSchema, Result extends object>(
  options: ObjectActionOptions<Name, Schema, Result>,
): UserObjectAction<Name, SchemaInput<Schema>, Result>;
export function defineAction<const Name extends string, const Schema extends InputSchema, Result>(
  options: ParamsActionOptions<Name, Schema, Result>,
): UserParamsAction<Name, SchemaInput<Schema>, Result>;
export function defineAction(
  options: AnyActionOptions,
): (ParamsAction<unknown> | ObjectAction<unknown>) & Branded<'action'> {
  checkName(options.name);
  const parseParams = (raw: Record<string, unknown>, read: { errorPrefix: string; path: string }) =>
    parseWithSchema(options.params, raw, read.errorPrefix, read.path);
  const { run } = options;
  if (options.object === true) {
    return {
      [DEFINITION]: 'action',
      kind: 'object',
      name: options.name,
      parseParams,
      run: (object, params, context) =>
        run({
          object,
          params,
          clients: context.clients,
          logger: context.logger,
          signal: context.signal,
        }) as Promise<Record<string, unknown>>,
    };
  }
  return {
    [DEFINITION]: 'action',
    kind: 'params',
    name: options.name,
    parseParams,
    // A result of `undefined` (a `run` that returns nothing) is sent to Step Functions as null, which JSON can hold.
    run: async (params, context) =>
      (await run({
        params,
        clients: context.clients,
        logger: context.logger,
        signal: context.signal,
      })) ?? null,
  };
}
