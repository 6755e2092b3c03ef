import { SendTaskFailureCommand, SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { Logger } from '../../src/aws/index.ts';
import { errorMessage } from './aws-error.ts';
import type { TaskOutcome } from './execute-task.ts';
import { isTokenGone } from './heartbeat.ts';

const REPORT_ATTEMPTS = 4;

/** What became of a result: `sent`, refused because the token is dead (`gone`), or not deliverable (`failed`). */
export type ReportStatus = 'sent' | 'gone' | 'failed';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** SendTaskSuccess / SendTaskFailure, retried on transient errors (the SDK retries throttling itself). */
export async function reportResult(
  sfn: SFNClient,
  taskToken: string,
  outcome: TaskOutcome,
  logger: Logger,
): Promise<ReportStatus> {
  const send = async () => {
    if (outcome.ok) {
      await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(outcome.output ?? null) }));
    } else {
      await sfn.send(new SendTaskFailureCommand({ taskToken, error: outcome.error, cause: outcome.cause }));
    }
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await send();
      return 'sent';
    } catch (error) {
      if (isTokenGone(error)) {
        logger.warn('Step Functions no longer waits for this result', { error: errorMessage(error) });
        return 'gone';
      }
      if (attempt >= REPORT_ATTEMPTS) {
        logger.error('could not report the task result', { error: errorMessage(error), attempts: attempt });
        return 'failed';
      }
      await sleep(200 * 2 ** attempt);
    }
  }
}
