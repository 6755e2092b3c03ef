import type { AwsClients, Logger } from '../../src/aws/index.ts';
import type { ActionResult, S3ObjectRef } from '../../src/contracts/index.ts';
import type { InputReader } from '../runtime/input-fields.ts';

/** The S3 object an object action works on. */
export type ObjectRef = S3ObjectRef;

export interface ActionContext {
  readonly clients: AwsClients;
  readonly logger: Logger;
  readonly signal: AbortSignal;
}

/** What an action reports on success; it becomes part of the action task's output. */
export type { ActionResult };

/**
 * An action on one S3 object (http-post, s3-copy). The runner checks the object exists before calling `run`, so
 * a missing object never reaches it. Failures are TaskErrors named `Action.<Reason>`.
 */
export interface ObjectAction<Params> {
  readonly kind: 'object';
  readonly name: string;
  /**
   * True when the action's first step reads the object and reports a missing one as `Action.ObjectNotFound` before
   * any side effect: the runner then skips its own existence check (one request less per message).
   */
  readonly checksObjectFirst?: boolean;
  /** Validates `action.params`; `read` names the field path in its errors. */
  parseParams(raw: Record<string, unknown>, read: InputReader): Params;
  run(item: ObjectRef, params: Params, context: ActionContext): Promise<ActionResult>;
}

/** One queue message as a batch action sees it. */
export interface QueuedMessage {
  readonly id: string;
  readonly body: string;
}

/** A batch action's verdict on each message: done and `filtered` messages are deleted, failed ones kept. */
export type MessageVerdict =
  | { readonly status: 'done' }
  | { readonly status: 'filtered'; readonly reason: string }
  | { readonly status: 'failed'; readonly reason: string };

/**
 * An action on message bodies themselves (daily-merge): consume hands it every message of a received batch at once,
 * so it can do its expensive part (a day file's read-merge-write) once per batch; it answers one verdict per
 * message, in order. Run by the action task, it gets the lines of the named S3 object as its messages.
 */
export interface MessageBatchAction<Params> {
  readonly kind: 'messages';
  readonly name: string;
  parseParams(raw: Record<string, unknown>, read: InputReader): Params;
  runBatch(messages: readonly QueuedMessage[], params: Params, context: ActionContext): Promise<MessageVerdict[]>;
}

/**
 * An action that needs no S3 object (a user's `greet`): the action task runs it once with its params when its input
 * has no `item`, and its result is the task's output.
 */
export interface ParamsAction<Params> {
  readonly kind: 'params';
  readonly name: string;
  parseParams(raw: Record<string, unknown>, read: InputReader): Params;
  run(params: Params, context: ActionContext): Promise<unknown>;
}

/** Any kind, with its params type erased (the registry holds actions of different params). */
export type Action = ObjectAction<unknown> | MessageBatchAction<unknown> | ParamsAction<unknown>;

/** An action with its params already validated, ready to run many times. */
export interface BoundAction<Kind extends Action = Action> {
  readonly action: Kind;
  readonly params: unknown;
}
