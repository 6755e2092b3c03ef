import type { MachineModel } from '../asl/model.ts';
import { isLiteralField, ownStrings } from '../asl/own-values.ts';
import { intrinsicSyntaxError } from './intrinsic-functions.ts';
import type { Report } from './report.ts';

/** In JSONPath states, a `.$` value that starts with `States.` must be a well-formed intrinsic call. */
export function checkIntrinsics(model: MachineModel, report: Report): void {
  for (const node of model.states) {
    if (node.language !== 'JSONPath') continue;
    for (const { field, key, value } of ownStrings(node.definition)) {
      if (isLiteralField(field) || !key.endsWith('.$') || !value.trim().startsWith('States.')) continue;
      const problem = intrinsicSyntaxError(value);
      if (problem) report.error('INVALID_INTRINSIC_FUNCTION', node.path, `${field}: ${problem}`);
    }
  }
}
