import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { Message } from '@aws-sdk/client-sqs';
import type { ObjectAction } from '../action/action.ts';
import { runObjectAction } from '../action/run-action.ts';
import { errorMessage } from '../runtime/aws-error.ts';
import type { MessageOutcome } from '../runtime/sqs-intake/index.ts';
import { TaskError } from '../runtime/task-error.ts';
import { type ConsumeRun, kept } from './consume-run.ts';
import { parseObjectMessage } from './message-body.ts';

/**
 * One message naming one S3 object: the action runs on the object, then (with `deleteSource`) the object is deleted.
 * An invalid body, a missing object, a failed action or a failed source delete keeps the message.
 */
export async function handleObjectMessage(
  run: ConsumeRun,
  action: ObjectAction<unknown>,
  message: Message,
): Promise<MessageOutcome> {
  const { input, context } = run;
  const body = parseObjectMessage(message.Body, input.legacyBucket);
  if (!body.ok)
    return kept(run, message, 'invalid message body: left for the DLQ', { field: body.field, reason: body.reason });
  try {
    await runObjectAction(action, input.action.params, body.item, context);
  } catch (error) {
    const missing = error instanceof TaskError && error.error === 'Action.ObjectNotFound';
    return kept(
      run,
      message,
      missing ? 'object missing: action not run, message kept' : 'action failed: message kept',
      {
        bucket: body.item.bucket,
        key: body.item.key,
        error: error instanceof TaskError ? `${error.error}: ${error.cause}` : errorMessage(error),
      },
    );
  }
  if (input.deleteSource) {
    try {
      await context.clients.s3.send(new DeleteObjectCommand({ Bucket: body.item.bucket, Key: body.item.key }), {
        abortSignal: context.signal,
      });
    } catch (error) {
      return kept(run, message, 'source delete failed: message kept', {
        key: body.item.key,
        error: errorMessage(error),
      });
    }
  }
  return 'succeeded';
}
