import { createHash } from 'node:crypto';
import { GetActivityTaskCommand } from '@aws-sdk/client-sfn';
import { ACTIVITY_POLL_TIMEOUT_MS, createSfnClient } from '../../src/aws/index.ts';
import { errorMessage } from './aws-error.ts';
import { readActivityInput } from './envelope.ts';
import { runDispatched } from './run-dispatched.ts';
import type { WorkerState } from './worker-state.ts';
import { pause } from './pause.ts';

const POLL_ERROR_PAUSE_MS = 1_000;

/**
 * One GetActivityTask long poll per free slot. A poll already sent is not cancelled when shutdown starts (Step
 * Functions may hand it a task even after the client gave up, and that task would be lost until the state's
 * HeartbeatSeconds/TimeoutSeconds): a task it brings is failed at once with Worker.Shutdown instead; polls are cut
 * only when the grace period ends (the project's LocalStack then stops them; AWS may still hand them a task).
 */
export async function runActivityDispatch(state: WorkerState, activityArn: string): Promise<void> {
  // GetActivityTask holds the request up to 60 s: this client must wait longer than that (ACTIVITY_POLL_TIMEOUT_MS).
  const pollClient = createSfnClient(state.clients.config, { requestTimeoutMs: ACTIVITY_POLL_TIMEOUT_MS });
  const poll = async () => {
    while (!state.stopTaking.aborted) {
      try {
        await state.slots.acquire(state.stopTaking);
      } catch {
        return;
      }
      try {
        const task = await pollClient.send(new GetActivityTaskCommand({ activityArn, workerName: state.workerName }), {
          abortSignal: state.hardStop,
        });
        if (task.taskToken) await runActivityTask(state, task.taskToken, task.input);
      } catch (error) {
        if (state.hardStop.aborted) return;
        state.logger.warn('activity poll failed', { activityArn, error: errorMessage(error) });
        await pause(POLL_ERROR_PAUSE_MS, state.stopTaking);
      } finally {
        state.slots.release();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: state.slots.size }, poll));
  } finally {
    pollClient.destroy();
  }
}

async function runActivityTask(state: WorkerState, taskToken: string, input: string | undefined): Promise<void> {
  let envelopeProblem: string | undefined;
  let dispatch: ReturnType<typeof readActivityInput> = { input: undefined, execution: undefined, state: undefined };
  try {
    dispatch = readActivityInput(input);
  } catch (error) {
    envelopeProblem = (error as Error).message;
  }
  const tokenDigest = createHash('sha256').update(taskToken).digest('hex').slice(0, 32);
  await runDispatched(state, {
    taskToken,
    rawInput: dispatch.input,
    envelopeProblem,
    execution: dispatch.execution,
    state: dispatch.state,
    requestId: dispatch.execution ? `${dispatch.execution}#${dispatch.state ?? ''}` : `activity:${tokenDigest}`,
    dispatch: 'activity',
  });
}
