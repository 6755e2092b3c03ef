import type { MachineModel } from '../asl/model.ts';
import type { Report } from './report.ts';
import { waitsForWorker } from './worker-resource.ts';

/** The ASL specification's TimeoutSeconds when none is given; LocalStack applies it, AWS applies none. */
const SPEC_DEFAULT_TIMEOUT_SECONDS = 60;

/**
 * A Task that waits for a worker must notice when the worker is gone (HeartbeatSeconds) and must end at some point
 * (TimeoutSeconds). Both are warnings: AWS runs such a definition, but a killed worker leaves the execution waiting
 * (for ever on AWS), and without TimeoutSeconds LocalStack cuts the task at 60 s whatever its heartbeats.
 * HeartbeatSeconds >= TimeoutSeconds is HEARTBEAT_NOT_BELOW_TIMEOUT (check-states.ts), an error.
 */
export function checkWorkerTimeouts(model: MachineModel, report: Report): void {
  for (const node of model.states) {
    const state = node.definition;
    if (state.Type !== 'Task' || typeof state.Resource !== 'string' || !waitsForWorker(state.Resource)) continue;
    const heartbeat = state.HeartbeatSeconds ?? state.HeartbeatSecondsPath;
    const timeout = state.TimeoutSeconds ?? state.TimeoutSecondsPath;
    const waits = `${state.Resource} waits for a worker but has no`;
    if (heartbeat === undefined) {
      const until = timeout === undefined ? 'TimeoutSeconds (on AWS, for ever)' : 'TimeoutSeconds';
      report.warning(
        'WORKER_TASK_WITHOUT_HEARTBEAT',
        node.path,
        `${waits} HeartbeatSeconds: a worker that dies leaves the execution waiting until ${until}`,
      );
    }
    if (timeout === undefined) {
      const beat = state.HeartbeatSeconds;
      const cut =
        typeof beat === 'number' && beat >= SPEC_DEFAULT_TIMEOUT_SECONDS
          ? `, before its HeartbeatSeconds (${beat}) can even run out`
          : '';
      const where = `LocalStack (and the ASL specification) fails the task after ${SPEC_DEFAULT_TIMEOUT_SECONDS} s${cut}`;
      report.warning(
        'WORKER_TASK_WITHOUT_TIMEOUT',
        node.path,
        `${waits} TimeoutSeconds: AWS waits for ever on a worker that hangs, ${where}`,
      );
    }
  }
}
