import type { ActionContext, ActionResult, ObjectAction, ObjectRef, QueuedMessage } from './action.ts';
import { ensureObjectExists } from './object-access.ts';

/** Runs an object action once its object is known to exist (a missing object is `Action.ObjectNotFound`, not run). */
export async function runObjectAction(
  action: ObjectAction<unknown>,
  params: unknown,
  item: ObjectRef,
  context: ActionContext,
): Promise<ActionResult> {
  if (!action.checksObjectFirst) await ensureObjectExists(context.clients.s3, item, context.signal);
  return action.run(item, params, context);
}

/** The messages an S3 object holds for a batch action: one per non-empty line (JSON Lines, SNS envelopes or events). */
export function messagesOfObject(text: string): QueuedMessage[] {
  return text
    .split('\n')
    .map((body, index) => ({ id: `line ${index + 1}`, body: body.trim() }))
    .filter((message) => message.body !== '');
}
