import { isJsonObject, type JsonValue } from '../asl/json.ts';
import type { MachineModel, StateNode } from '../asl/model.ts';
import type { Report } from './report.ts';

const NULLABLE = new Set(['InputPath', 'OutputPath', 'ResultPath']);
const STATE_PATH_FIELDS = [
  'InputPath',
  'OutputPath',
  'ResultPath',
  'ItemsPath',
  'SecondsPath',
  'TimestampPath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'ErrorPath',
  'CausePath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
];
/** Fail's ErrorPath and CausePath may also be an intrinsic function call. */
const INTRINSIC_ALLOWED = new Set(['ErrorPath', 'CausePath']);

/** A reference path: into the input (`$`), the context (`$$`) or a variable (`$name`). */
function isReferencePath(value: string): boolean {
  return value.startsWith('$');
}

function checkPath(report: Report, node: StateNode, field: string, value: JsonValue | undefined, name: string): void {
  if (value === undefined || (value === null && NULLABLE.has(name))) return;
  if (
    typeof value === 'string' &&
    (isReferencePath(value) || (INTRINSIC_ALLOWED.has(name) && value.startsWith('States.')))
  )
    return;
  report.error(
    'INVALID_PATH',
    node.path,
    `${field} must be a path starting with "$"${NULLABLE.has(name) ? ' (or null)' : ''}, got ${JSON.stringify(value)}`,
  );
}

function checkRulePaths(report: Report, node: StateNode, where: string, rule: JsonValue): void {
  if (!isJsonObject(rule)) return;
  if (rule.Variable !== undefined) checkPath(report, node, `${where}.Variable`, rule.Variable, 'Variable');
  for (const [key, value] of Object.entries(rule)) {
    if (/^(String|Numeric|Boolean|Timestamp)\w*Path$/.test(key)) checkPath(report, node, `${where}.${key}`, value, key);
  }
  for (const key of ['And', 'Or'] as const) {
    const parts = rule[key];
    if (Array.isArray(parts))
      for (const [index, part] of parts.entries()) checkRulePaths(report, node, `${where}.${key}[${index}]`, part);
  }
  if (rule.Not !== undefined) checkRulePaths(report, node, `${where}.Not`, rule.Not);
}

/** JSONPath states: every `...Path` field (and Choice `Variable`) holds a reference path, never a plain string. */
export function checkPaths(model: MachineModel, report: Report): void {
  for (const node of model.states) {
    if (node.language !== 'JSONPath') continue;
    const state = node.definition;
    for (const field of STATE_PATH_FIELDS) checkPath(report, node, field, state[field], field);
    if (Array.isArray(state.Catch)) {
      state.Catch.forEach((catcher, index) => {
        if (isJsonObject(catcher))
          checkPath(report, node, `Catch[${index}].ResultPath`, catcher.ResultPath, 'ResultPath');
      });
    }
    if (Array.isArray(state.Choices))
      for (const [index, rule] of state.Choices.entries()) checkRulePaths(report, node, `Choices[${index}]`, rule);
    const reader = state.ItemReader;
    if (isJsonObject(reader) && isJsonObject(reader.ReaderConfig))
      checkPath(report, node, 'ItemReader.ReaderConfig.MaxItemsPath', reader.ReaderConfig.MaxItemsPath, 'MaxItemsPath');
    const batcher = state.ItemBatcher;
    if (isJsonObject(batcher)) {
      for (const key of ['MaxItemsPerBatchPath', 'MaxInputBytesPerBatchPath'])
        checkPath(report, node, `ItemBatcher.${key}`, batcher[key], key);
    }
  }
}
