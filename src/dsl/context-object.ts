// The Step Functions context object (`$$` in JSONPath, `$states.context` in JSONata), typed.
import { makePath, type Path } from './refs.ts';

export interface ContextObject {
  Execution: {
    Id: string;
    Input: unknown;
    Name: string;
    RoleArn: string;
    StartTime: string;
    RedriveCount: number;
    RedriveTime: string;
  };
  State: { EnteredTime: string; Name: string; RetryCount: number };
  StateMachine: { Id: string; Name: string };
  Task: { Token: string };
  Map: { Item: { Index: number; Value: unknown; Key: string; Source: string } };
}

/** `context.Execution.Id` renders `$$.Execution.Id` (JSONPath) or `$states.context.Execution.Id` (JSONata). */
export const context: Path<ContextObject> = makePath<ContextObject>('context');

/** The raw state input (untyped); prefer the typed `input` a state's options callback receives. */
export const $: Path<unknown> = makePath<unknown>('input');

/** A variable by name: `variable<number>('total')` renders `$total`. For variables the chain cannot see. */
// NoInfer: without it, a helper's parameter type (e.g. `Arg<string>`) was inferred into T and made the reference
// `Ref<string | Untyped>`, which that very parameter then refused.
export function variable<T = unknown>(name: string): Path<NoInfer<T>> {
  return makePath<T>('variable', [name]);
}
