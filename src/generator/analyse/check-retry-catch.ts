import { isJsonObject, type JsonObject, type JsonValue } from '../asl/json.ts';
import type { MachineModel } from '../asl/model.ts';
import { checkNumber, MAX_SECONDS } from './numbers.ts';
import type { Report } from './report.ts';

const JITTER_STRATEGIES = ['FULL', 'NONE'];

/** `States.ALL` must be the only name in its ErrorEquals and in the last retrier/catcher of the list. */
function checkErrorEquals(report: Report, statePath: string, field: string, entries: JsonValue[]): void {
  entries.forEach((entry, index) => {
    const where = `${field}[${index}]`;
    if (!isJsonObject(entry)) {
      report.error('INVALID_FIELD', statePath, `${where} must be an object`);
      return;
    }
    const errorEquals = entry.ErrorEquals;
    if (
      !Array.isArray(errorEquals) ||
      errorEquals.length === 0 ||
      errorEquals.some((name) => typeof name !== 'string')
    ) {
      report.error('INVALID_ERROR_EQUALS', statePath, `${where}.ErrorEquals must be a non-empty list of error names`);
      return;
    }
    if (errorEquals.includes('States.ALL')) {
      if (errorEquals.length > 1)
        report.error('STATES_ALL_NOT_ALONE', statePath, `${where}.ErrorEquals: "States.ALL" must appear alone`);
      if (index !== entries.length - 1)
        report.error(
          'STATES_ALL_NOT_LAST',
          statePath,
          `${where}: the ${field === 'Retry' ? 'retrier' : 'catcher'} with "States.ALL" must be the last one`,
        );
    }
  });
}

function checkRetrier(report: Report, statePath: string, where: string, retrier: JsonObject): void {
  checkNumber(report, statePath, `${where}.IntervalSeconds`, retrier.IntervalSeconds, {
    min: 1,
    max: MAX_SECONDS,
    integer: true,
  });
  checkNumber(report, statePath, `${where}.MaxAttempts`, retrier.MaxAttempts, {
    min: 0,
    max: MAX_SECONDS,
    integer: true,
  });
  checkNumber(report, statePath, `${where}.BackoffRate`, retrier.BackoffRate, { min: 1, integer: false });
  checkNumber(report, statePath, `${where}.MaxDelaySeconds`, retrier.MaxDelaySeconds, {
    min: 1,
    max: 31_622_400,
    integer: true,
  });
  const jitter = retrier.JitterStrategy;
  if (jitter !== undefined && (typeof jitter !== 'string' || !JITTER_STRATEGIES.includes(jitter))) {
    report.error(
      'INVALID_JITTER_STRATEGY',
      statePath,
      `${where}.JitterStrategy must be FULL or NONE, got ${JSON.stringify(jitter)}`,
    );
  }
}

export function checkRetryCatch(model: MachineModel, report: Report): void {
  for (const node of model.states) {
    for (const field of ['Retry', 'Catch'] as const) {
      const entries = node.definition[field];
      if (entries === undefined) continue;
      if (!Array.isArray(entries)) {
        report.error('INVALID_FIELD', node.path, `${field} must be a list`);
        continue;
      }
      checkErrorEquals(report, node.path, field, entries);
      if (field === 'Retry') {
        entries.forEach((retrier, index) => {
          if (isJsonObject(retrier)) checkRetrier(report, node.path, `Retry[${index}]`, retrier);
        });
      } else {
        entries.forEach((catcher, index) => {
          if (isJsonObject(catcher) && typeof catcher.Next !== 'string')
            report.error('MISSING_NEXT', node.path, `Catch[${index}] needs "Next"`);
        });
      }
    }
  }
}
