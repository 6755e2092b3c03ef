import { isJsonObject, type JsonValue } from '../asl/json.ts';
import type { MachineModel } from '../asl/model.ts';
import { ownStrings } from '../asl/own-values.ts';
import type { Report } from './report.ts';

/** A payload string that hands the task token (or the whole context that holds it) to the worker. */
function carriesToken(key: string, value: string): boolean {
  if (value.includes('$$.Task.Token') || value.includes('$states.context.Task.Token')) return true;
  if (key.endsWith('.$') && value.trim() === '$$') return true;
  return /\$states\.context(?![.\w])/.test(value);
}

/**
 * `.waitForTaskToken` pauses until someone calls SendTaskSuccess with the token; a payload without it can only end by
 * timeout. AWS accepts such a definition, stepforge does not.
 */
export function checkTaskToken(model: MachineModel, report: Report): void {
  for (const node of model.states) {
    const { Resource: resource } = node.definition;
    if (node.definition.Type !== 'Task' || typeof resource !== 'string' || !resource.endsWith('.waitForTaskToken'))
      continue;
    const field = node.language === 'JSONata' ? 'Arguments' : 'Parameters';
    const payload: JsonValue | undefined = node.definition[field];
    const strings = payload === undefined ? [] : ownStrings(isJsonObject(payload) ? payload : { [field]: payload });
    if (!strings.some(({ key, value }) => carriesToken(key, value))) {
      const token = node.language === 'JSONata' ? '$states.context.Task.Token' : '$$.Task.Token';
      report.error(
        'TASK_TOKEN_NOT_PASSED',
        node.path,
        `${resource} waits for a task token, but ${field} never passes ${token}`,
      );
    }
  }
}
