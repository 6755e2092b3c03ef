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

/**
 * The one heartbeat of a task token: whenever the task asks, and after `intervalMs` without one (a beat the task asked
 * for restarts the wait, so a task reporting progress adds no beats to the timer's).
 */
export function startHeartbeat(sfn: SFNClient, taskToken: string, intervalMs: number, logger: Logger): Heartbeat {
  const lost = new AbortController();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void beat(), intervalMs);
  };
  const beat = async () => {
    if (stopped || lost.signal.aborted) return;
    schedule();
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
  schedule();
  return {
    beat,
    lost: lost.signal,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
