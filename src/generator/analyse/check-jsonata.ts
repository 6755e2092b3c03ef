import type { MachineModel, StateNode } from '../asl/model.ts';
import { isLiteralField, jsonataBody, ownStrings } from '../asl/own-values.ts';
import { parseJsonata } from './jsonata-variables.ts';
import type { Report } from './report.ts';

/** Every `{% %}` string of a JSONata state must parse; the message carries jsonata's code and position. */
export function checkJsonata(model: MachineModel, report: Report): void {
  for (const node of model.states) {
    if (node.language !== 'JSONata') {
      warnLiteralExpressions(node, report);
      continue;
    }
    for (const { field, value } of ownStrings(node.definition)) {
      const body = jsonataBody(value);
      if (body === undefined) continue;
      try {
        parseJsonata(body);
      } catch (error) {
        const { code, position, message } = error as { code?: string; position?: number; message?: string };
        report.error(
          'JSONATA_SYNTAX',
          node.path,
          `${field}: JSONata does not parse (${code ?? 'error'} at ${position ?? '?'}: ${message ?? String(error)})`,
        );
      }
    }
  }
}

/** In a JSONPath state `{% %}` is not evaluated: the text reaches the next state as it is, which is rarely meant. */
function warnLiteralExpressions(node: StateNode, report: Report): void {
  const literal = ownStrings(node.definition).find(
    ({ field, value }) => !isLiteralField(field) && jsonataBody(value) !== undefined,
  );
  if (literal) {
    report.warning(
      'JSONATA_IN_JSONPATH_STATE',
      node.path,
      `${literal.field} holds a {% %} expression, but this state's QueryLanguage is JSONPath: it is passed on as plain text`,
    );
  }
}
