import type { JsonValue } from '../asl/json.ts';
import type { Report } from './report.ts';

export interface NumberRule {
  readonly min: number;
  readonly max?: number;
  readonly integer: boolean;
}

/** JSONata states may give most numbers as `{% %}` expressions, evaluated at run time: those are not bounded here. */
export function isJsonataExpression(value: JsonValue | undefined): value is string {
  return typeof value === 'string' && /^\s*\{%[\s\S]*%\}\s*$/.test(value);
}

/** Reports a field that is present but not a number in range; absent fields are fine. */
export function checkNumber(
  report: Report,
  statePath: string,
  field: string,
  value: JsonValue | undefined,
  rule: NumberRule,
): void {
  if (value === undefined || isJsonataExpression(value)) return;
  const range = rule.max === undefined ? `>= ${rule.min}` : `${rule.min}..${rule.max}`;
  const kind = rule.integer ? 'a whole number' : 'a number';
  if (typeof value !== 'number' || (rule.integer && !Number.isInteger(value))) {
    report.error('INVALID_NUMBER', statePath, `${field} must be ${kind} (${range}), got ${JSON.stringify(value)}`);
  } else if (value < rule.min || (rule.max !== undefined && value > rule.max)) {
    report.error('NUMBER_OUT_OF_RANGE', statePath, `${field} must be ${range}, got ${value}`);
  }
}

export const MAX_SECONDS = 99_999_999;
