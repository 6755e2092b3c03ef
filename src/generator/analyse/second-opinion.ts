import { createRequire } from 'node:module';
import { deepCopy, isJsonObject, type JsonObject, type JsonValue } from '../asl/json.ts';
import type { Report } from './report.ts';

interface AslValidatorError {
  readonly 'Error code': string;
  readonly Message: string;
  readonly schemaError?: { readonly instancePath?: string };
}
type AslValidator = (
  definition: JsonObject,
  options: { checkPaths: boolean; checkArn: boolean },
) => { isValid: boolean; errors: AslValidatorError[] };

let cached: AslValidator | null | undefined;

/** asl-validator is an optional dependency: without it the second opinion is skipped, never the analysis. */
function loadValidator(): AslValidator | null {
  if (cached !== undefined) return cached;
  try {
    cached = createRequire(import.meta.url)('asl-validator') as AslValidator;
  } catch {
    cached = null;
  }
  return cached;
}

/** The warning a run that asked for the second opinion gets when asl-validator is not installed. */
export const SECOND_OPINION_ABSENT =
  'asl-validator is not installed, so the second opinion (its ASL schema check) was skipped: ' +
  '`npm install asl-validator@4.0.0` to have it, or pass --no-second-opinion';

/** Whether asl-validator can be loaded (it is an optional dependency of the package). */
export function secondOpinionAvailable(): boolean {
  return loadValidator() !== null;
}

const PLACEHOLDER_ARNS: Record<string, (name: string) => string> = {
  activity: (name) => `arn:aws:states:us-east-1:000000000000:activity:${name}`,
  stateMachine: (name) => `arn:aws:states:us-east-1:000000000000:stateMachine:${name}`,
  queueArn: (name) => `arn:aws:sqs:us-east-1:000000000000:${name}`,
  queue: (name) => `https://sqs.us-east-1.amazonaws.com/000000000000/${name}`,
  bucket: (name) => name,
};

/**
 * What asl-validator is shown: deploy placeholders become plausible ARNs (it checks Resource shapes), and multi-line
 * JSONata is folded onto one line (it rejects newlines that AWS accepts).
 */
function preparedCopy(value: JsonValue): JsonValue {
  if (typeof value === 'string') {
    let result = value.replace(
      /\$\{(activity|stateMachine|queueArn|queue|bucket):([^}]+)\}/g,
      (_, kind: string, name: string) => PLACEHOLDER_ARNS[kind]!(name),
    );
    if (/^\s*\{%[\s\S]*%\}\s*$/.test(result)) result = result.replace(/\s*[\r\n]+\s*/g, ' ');
    return result;
  }
  if (Array.isArray(value)) return value.map(preparedCopy);
  if (isJsonObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, preparedCopy(inner)]));
  return value;
}

/** `/States/P/Branches/0/States/B/Next` -> `P/branch 0/B`, the analyser's state path. */
export function statePathOfPointer(pointer: string): string {
  const parts = pointer.split('/').slice(1);
  const path: string[] = [];
  for (let index = 0; index < parts.length; index++) {
    if (parts[index] !== 'States' || index + 1 >= parts.length) continue;
    path.push(parts[index + 1]!);
    const after = parts[index + 2];
    if (after === 'Branches' && parts[index + 3] !== undefined) path.push(`branch ${parts[index + 3]}`);
  }
  return path.join('/');
}

/**
 * asl-validator 4.0.0 rejects values ASL allows (found on the LocalStack corpus, which AWS accepts): any JSON value
 * as Output, Items, Assign values and Condition (constants included), and a fractional ToleratedFailurePercentage.
 * Its `Type ... allowed values` error is the echo of such a failure in the same state, so it goes with them.
 */
const FALSE_POSITIVE_FIELDS = /\/(Output|Items|Assign(\/.*)?|Choices\/\d+\/Condition|ToleratedFailurePercentage)$/;

function knownFalsePositives(errors: readonly AslValidatorError[]): Set<AslValidatorError> {
  const ignored = new Set(errors.filter((error) => FALSE_POSITIVE_FIELDS.test(error.schemaError?.instancePath ?? '')));
  const states = new Set([...ignored].map((error) => statePathOfPointer(error.schemaError?.instancePath ?? '')));
  for (const error of errors) {
    const pointer = error.schemaError?.instancePath ?? '';
    if (pointer.endsWith('/Type') && states.has(statePathOfPointer(pointer))) ignored.add(error);
  }
  return ignored;
}

export function secondOpinion(definition: JsonObject, report: Report): void {
  const validate = loadValidator();
  if (!validate) return;
  const copy = preparedCopy(deepCopy(definition)) as JsonObject;
  const { errors } = validate(copy, { checkPaths: true, checkArn: false });
  const ignored = knownFalsePositives(errors);
  for (const error of errors) {
    if (ignored.has(error)) continue;
    const pointer = error.schemaError?.instancePath ?? '';
    report.warning(
      `ASL_VALIDATOR_${error['Error code']}`,
      statePathOfPointer(pointer),
      `asl-validator: ${error.Message}`,
    );
  }
}
