import { SendTaskHeartbeatCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { Logger } from '../../src/aws/index.ts';
import { errorMessage, isAwsError } from './aws-error.ts';

/** Step Functions' answers meaning the token is dead: nobody waits for this work any more. */
export function isTokenGone(error: unknown): boolean {
  return isAwsError(error, 'TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist');
}

export interface Heartbeat {
  /** Sends one heartbeat now; never throws (a dead token aborts `lost` instead). */
  beat(): Promise<void>;
  /** Aborted when Step Functions answered that the task timed out or the token is invalid. */
  readonly lost: AbortSignal;
  stop(): void;
}

/** Heartbeats for one task token: on a timer while the work runs, and whenever the task asks. */
export function startHeartbeat(sfn: SFNClient, taskToken: string, intervalMs: number, logger: Logger): Heartbeat {
  const lost = new AbortController();
  const beat = async () => {
    if (lost.signal.aborted) return;
    try {
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken }));
    } catch (error) {
      if (isTokenGone(error)) {
        logger.warn('heartbeat refused: abandoning the work', { error: errorMessage(error) });
        lost.abort(new Error(`Step Functions no longer waits for this task (${errorMessage(error)})`));
      } else {
        // A transient failure: the next beat may get through before the state's HeartbeatSeconds run out.
        logger.warn('heartbeat failed', { error: errorMessage(error) });
      }
    }
  };
  const timer = setInterval(() => void beat(), intervalMs);
  return {
    beat,
    lost: lost.signal,
    stop: () => clearInterval(timer),
  };
}
