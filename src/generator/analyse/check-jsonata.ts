import type { MachineModel } from '../asl/model.ts';
import { jsonataBody, ownStrings } from '../asl/own-values.ts';
import { parseJsonata } from './jsonata-variables.ts';
import type { Report } from './report.ts';

/** Every `{% %}` string of a JSONata state must parse; the message carries jsonata's code and position. */
export function checkJsonata(model: MachineModel, report: Report): void {
  for (const node of model.states) {
    if (node.language !== 'JSONata') continue;
    for (const { field, value } of ownStrings(node.definition)) {
      const body = jsonataBody(value);
      if (body === undefined) continue;
      try {
        parseJsonata(body);
      } catch (error) {
        const { code, position, message } = error as { code?: string; position?: number; message?: string };
        report.error('JSONATA_SYNTAX', node.path, `${field}: JSONata does not parse (${code ?? 'error'} at ${position ?? '?'}: ${message ?? String(error)})`);
      }
    }
  }
}
