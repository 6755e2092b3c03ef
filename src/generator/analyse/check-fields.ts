import { isJsonObject, type JsonValue } from '../asl/json.ts';
import type { MachineModel, StateNode } from '../asl/model.ts';
import type { Report } from './report.ts';

// The fields AWS accepts on each state type; anything else is rejected at creation ("is not supported").
const COMMON = ['Type', 'Comment', 'QueryLanguage', 'Next', 'End', 'InputPath', 'OutputPath', 'Assign', 'Output'];
const ALLOWED: Record<string, ReadonlySet<string>> = {
  Pass: new Set([...COMMON, 'Result', 'ResultPath', 'Parameters']),
  Task: new Set([
    ...COMMON,
    'Resource',
    'Parameters',
    'Arguments',
    'ResultPath',
    'ResultSelector',
    'Retry',
    'Catch',
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
    'Credentials',
  ]),
  Choice: new Set([...COMMON, 'Choices', 'Default']),
  Wait: new Set([...COMMON, 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath']),
  Succeed: new Set(COMMON),
  Fail: new Set([...COMMON, 'Error', 'ErrorPath', 'Cause', 'CausePath']),
  Parallel: new Set([
    ...COMMON,
    'Branches',
    'Parameters',
    'Arguments',
    'ResultPath',
    'ResultSelector',
    'Retry',
    'Catch',
  ]),
  Map: new Set([
    ...COMMON,
    'ItemProcessor',
    'Iterator',
    'ItemsPath',
    'Items',
    'ItemReader',
    'ItemSelector',
    'ItemBatcher',
    'ResultWriter',
    'MaxConcurrency',
    'MaxConcurrencyPath',
    'ToleratedFailureCount',
    'ToleratedFailureCountPath',
    'ToleratedFailurePercentage',
    'ToleratedFailurePercentagePath',
    'Label',
    'Parameters',
    'ResultPath',
    'ResultSelector',
    'Retry',
    'Catch',
  ]),
};
const MACHINE_FIELDS = new Set(['Comment', 'StartAt', 'States', 'TimeoutSeconds', 'Version', 'QueryLanguage']);

const COMPARISON =
  /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$|^StringMatches$|^Is(Present|Null|Numeric|String|Boolean|Timestamp)$/;
const RULE_FIELDS = new Set(['Next', 'Comment', 'Assign', 'Output', 'Condition', 'Variable', 'And', 'Or', 'Not']);

/** A JSONPath Choice rule: exactly one test (a comparison on Variable, or And/Or/Not), nested rules alike. */
function checkRule(report: Report, node: StateNode, where: string, rule: JsonValue, top: boolean): void {
  if (!isJsonObject(rule)) {
    report.error('INVALID_CHOICE_RULE', node.path, `${where} must be an object`);
    return;
  }
  const unknown = Object.keys(rule).filter((key) => !RULE_FIELDS.has(key) && !COMPARISON.test(key));
  for (const key of unknown) report.error('UNKNOWN_FIELD', node.path, `${where}.${key} is not a Choice rule field`);
  if (!top && rule.Next !== undefined)
    report.error('INVALID_CHOICE_RULE', node.path, `${where}: only top-level rules take "Next"`);
  const comparisons = Object.keys(rule).filter((key) => COMPARISON.test(key));
  const combinators = ['And', 'Or', 'Not'].filter((key) => rule[key] !== undefined);
  if (comparisons.length + combinators.length !== 1) {
    report.error(
      'INVALID_CHOICE_RULE',
      node.path,
      `${where} needs exactly one comparison or And/Or/Not, got ${[...comparisons, ...combinators].join(', ') || 'none'}`,
    );
    return;
  }
  if (comparisons.length === 1 && typeof rule.Variable !== 'string')
    report.error('INVALID_CHOICE_RULE', node.path, `${where}.${comparisons[0]} needs "Variable"`);
  for (const key of ['And', 'Or'] as const) {
    const parts = rule[key];
    if (parts === undefined) continue;
    if (!Array.isArray(parts) || parts.length === 0)
      report.error('INVALID_CHOICE_RULE', node.path, `${where}.${key} must be a non-empty list of rules`);
    else for (const [index, part] of parts.entries()) checkRule(report, node, `${where}.${key}[${index}]`, part, false);
  }
  if (rule.Not !== undefined) checkRule(report, node, `${where}.Not`, rule.Not, false);
}

const PAYLOAD_TEMPLATES = ['Parameters', 'ResultSelector', 'ItemSelector', 'Assign', 'Credentials'];

/** In a JSONPath payload template, `key` and `key.$` both become `key`: AWS rejects the pair. */
function checkTemplateKeys(report: Report, node: StateNode, where: string, value: JsonValue): void {
  if (Array.isArray(value))
    for (const [index, item] of value.entries()) checkTemplateKeys(report, node, `${where}[${index}]`, item);
  if (!isJsonObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key.endsWith('.$') && key.slice(0, -2) in value) {
      report.error(
        'DUPLICATE_PAYLOAD_FIELD',
        node.path,
        `${where} has both "${key.slice(0, -2)}" and "${key}", which name the same field`,
      );
    }
    checkTemplateKeys(report, node, `${where}.${key}`, inner);
  }
}

export function checkFields(model: MachineModel, report: Report): void {
  for (const key of Object.keys(model.definition)) {
    if (!MACHINE_FIELDS.has(key)) report.error('UNKNOWN_FIELD', '', `"${key}" is not a state machine field`);
  }
  for (const node of model.states) {
    const allowed = typeof node.definition.Type === 'string' ? ALLOWED[node.definition.Type] : undefined;
    if (!allowed) continue; // unknown Type: reported by check-structure
    for (const key of Object.keys(node.definition)) {
      if (!allowed.has(key))
        report.error('UNKNOWN_FIELD', node.path, `"${key}" is not a field of a ${node.definition.Type} state`);
    }
    if (node.language === 'JSONPath') {
      for (const field of PAYLOAD_TEMPLATES)
        if (node.definition[field] !== undefined) checkTemplateKeys(report, node, field, node.definition[field]);
    }
    if (node.definition.Type === 'Choice' && node.language === 'JSONPath' && Array.isArray(node.definition.Choices)) {
      for (const [index, rule] of node.definition.Choices.entries())
        checkRule(report, node, `Choices[${index}]`, rule, true);
    }
  }
}
