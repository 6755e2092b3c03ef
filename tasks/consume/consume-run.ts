import type { Message } from '@aws-sdk/client-sqs';
import type { Logger } from '../../src/aws/index.ts';
import type { TaskContext } from '../runtime/task.ts';
import type { ConsumeInput } from './input.ts';

/** What the steps of one consume run share: its input, the task's context and a logger naming queue and action. */
export interface ConsumeRun {
  readonly input: ConsumeInput;
  readonly context: TaskContext;
  readonly logger: Logger;
}

/** Logs why a message stays in the queue (with how often SQS has delivered it) and says it failed. */
export function kept(run: ConsumeRun, message: Message, why: string, fields: Record<string, unknown>): 'failed' {
  run.logger.warn(why, {
    messageId: message.MessageId,
    receiveCount: message.Attributes?.ApproximateReceiveCount,
    ...fields,
  });
  return 'failed';
}
