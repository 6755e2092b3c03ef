import type { MachineModel } from '../asl/model.ts';
import type { Report } from './report.ts';
import { isActivity } from './worker-resource.ts';

/** Express state machines run at most five minutes without a callback: AWS refuses these integration patterns. */
export function checkExpress(model: MachineModel, report: Report): void {
  for (const node of model.states) {
    const resource = node.definition.Resource;
    if (node.definition.Type !== 'Task' || typeof resource !== 'string') continue;
    if (isActivity(resource)) {
      report.error(
        'EXPRESS_UNSUPPORTED',
        node.path,
        'an EXPRESS state machine cannot run an activity; use a STANDARD workflow or queue dispatch without a task token',
      );
    } else if (/\.(waitForTaskToken|sync(:2)?)$/.test(resource)) {
      report.error(
        'EXPRESS_UNSUPPORTED',
        node.path,
        `an EXPRESS state machine does not support ${resource.slice(resource.lastIndexOf('.'))}; use a STANDARD workflow`,
      );
    }
  }
}
