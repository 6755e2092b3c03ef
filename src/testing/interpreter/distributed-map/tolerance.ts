// ToleratedFailureCount / ToleratedFailurePercentage (or their Path forms, or JSONata expressions): how many failed
// child executions a Distributed Map tolerates before it fails with States.ExceedToleratedFailureThreshold.
import { StatesError, STATES } from '../../errors.ts';
import { evaluateJsonataTemplate } from '../../jsonata.ts';
import { evaluate } from '../../jsonpath/index.ts';
import { type JsonValue, numberFromPath } from '../../json.ts';
import type { StateRun } from '../state-run.ts';

/** The declared thresholds, read and checked before the Map Run starts (null: none declared). */
export interface ToleranceLimits {
  readonly count?: number;
  readonly percentage?: number;
}

export async function readToleranceLimits(run: StateRun, effective: JsonValue): Promise<ToleranceLimits | null> {
  const count = await read(run, 'ToleratedFailureCount', effective, 'count');
  const percentage = await read(run, 'ToleratedFailurePercentage', effective, 'percentage');
  if (count === undefined && percentage === undefined) return null;
  return { ...(count !== undefined && { count }), ...(percentage !== undefined && { percentage }) };
}

/** The failures tolerated among `total` child executions (null: the first failure fails the state with its own error). */
export function toleratedFailures(limits: ToleranceLimits | null, total: number): number | null {
  if (limits === null) return null;
  // "If you specify both values, the workflow fails when it exceeds either value"
  // (docs.aws.amazon.com/step-functions/latest/dg/maprun-fail-threshold.html): a count of n tolerates n failures, a
  // percentage p tolerates failures up to p% of the items.
  const byPercentage =
    limits.percentage === undefined ? Number.POSITIVE_INFINITY : Math.floor((limits.percentage / 100) * total);
  return Math.min(limits.count ?? Number.POSITIVE_INFINITY, byPercentage);
}

async function read(
  run: StateRun,
  field: string,
  effective: JsonValue,
  kind: 'count' | 'percentage',
): Promise<number | undefined> {
  let value: JsonValue | undefined = run.state[field];
  if (value !== undefined && run.language === 'JSONata')
    value = await evaluateJsonataTemplate(value, run.jsonataScope(), `${run.name}.${field}`);
  const path = run.state[`${field}Path`];
  if (value === undefined && typeof path === 'string')
    value = numberFromPath(evaluate(path, run.pathScope(effective), `${field}Path of Map state '${run.name}'`));
  if (value === undefined) return undefined;
  const valid =
    typeof value === 'number' && value >= 0 && (kind === 'percentage' ? value <= 100 : Number.isInteger(value));
  if (!valid) {
    throw new StatesError(
      STATES.Runtime,
      `The ${field} of Map state '${run.name}' must be ${kind === 'count' ? 'a non-negative integer' : 'a number from 0 to 100'}, got ${JSON.stringify(value)}`,
    );
  }
  return value as number;
}
