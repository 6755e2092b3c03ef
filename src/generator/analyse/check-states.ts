import { isJsonObject, type JsonObject } from '../asl/json.ts';
import type { MachineModel, StateNode } from '../asl/model.ts';
import { checkNumber, MAX_SECONDS } from './numbers.ts';
import type { Report } from './report.ts';

function atMostOne(report: Report, node: StateNode, fields: readonly string[]): void {
  const present = fields.filter((field) => node.definition[field] !== undefined);
  if (present.length > 1) report.error('EXCLUSIVE_FIELDS', node.path, `use only one of ${present.join(', ')}`);
}

function checkTask(report: Report, node: StateNode): void {
  const state = node.definition;
  if (typeof state.Resource !== 'string' || state.Resource.length === 0) {
    report.error('MISSING_RESOURCE', node.path, 'a Task state needs a "Resource" string');
  }
  atMostOne(report, node, ['TimeoutSeconds', 'TimeoutSecondsPath']);
  atMostOne(report, node, ['HeartbeatSeconds', 'HeartbeatSecondsPath']);
  checkNumber(report, node.path, 'TimeoutSeconds', state.TimeoutSeconds, { min: 1, max: MAX_SECONDS, integer: true });
  checkNumber(report, node.path, 'HeartbeatSeconds', state.HeartbeatSeconds, {
    min: 1,
    max: MAX_SECONDS,
    integer: true,
  });
  const timeout = state.TimeoutSeconds;
  const heartbeat = state.HeartbeatSeconds;
  if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
    report.error(
      'HEARTBEAT_NOT_BELOW_TIMEOUT',
      node.path,
      `HeartbeatSeconds (${heartbeat}) must be smaller than TimeoutSeconds (${timeout})`,
    );
  }
}

function checkWait(report: Report, node: StateNode): void {
  const fields = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'];
  const present = fields.filter((field) => node.definition[field] !== undefined);
  if (present.length !== 1) {
    report.error(
      'WAIT_DURATION',
      node.path,
      `a Wait state needs exactly one of ${fields.join(', ')}${present.length ? `, got ${present.join(', ')}` : ''}`,
    );
  }
  checkNumber(report, node.path, 'Seconds', node.definition.Seconds, { min: 0, max: MAX_SECONDS, integer: true });
}

function checkChoice(report: Report, node: StateNode): void {
  const choices = node.definition.Choices;
  if (!Array.isArray(choices) || choices.length === 0) {
    report.error('MISSING_CHOICES', node.path, 'a Choice state needs a non-empty "Choices" list');
    return;
  }
  choices.forEach((rule, index) => {
    if (!isJsonObject(rule) || typeof rule.Next !== 'string')
      report.error('MISSING_NEXT', node.path, `Choices[${index}] needs "Next"`);
  });
  if (node.definition.Default === undefined) {
    report.warning(
      'NO_DEFAULT_CHOICE',
      node.path,
      'no "Default": when no rule matches, the execution fails with States.NoChoiceMatched',
    );
  }
}

// AWS: a Map Label holds at most 40 characters and none of whitespace, brackets, wildcards, punctuation listed here
// or control characters (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html).
// \p{Cc} is exactly U+0000-U+001F and U+007F-U+009F.
const INVALID_LABEL_CHARACTERS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]/u;

function checkMap(report: Report, node: StateNode): void {
  const state = node.definition;
  atMostOne(report, node, ['ItemProcessor', 'Iterator']);
  atMostOne(report, node, ['ItemSelector', 'Parameters']);
  atMostOne(report, node, ['MaxConcurrency', 'MaxConcurrencyPath']);
  atMostOne(report, node, ['ToleratedFailureCount', 'ToleratedFailureCountPath']);
  atMostOne(report, node, ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath']);
  if (!isJsonObject(state.ItemProcessor) && !isJsonObject(state.Iterator)) {
    report.error('MISSING_ITEM_PROCESSOR', node.path, 'a Map state needs "ItemProcessor" (or the older "Iterator")');
  }
  const processor = isJsonObject(state.ItemProcessor) ? state.ItemProcessor : undefined;
  const mode = processor && isJsonObject(processor.ProcessorConfig) ? processor.ProcessorConfig.Mode : undefined;
  if (mode !== undefined && mode !== 'INLINE' && mode !== 'DISTRIBUTED') {
    report.error(
      'INVALID_PROCESSOR_MODE',
      node.path,
      `ItemProcessor.ProcessorConfig.Mode must be INLINE or DISTRIBUTED, got ${JSON.stringify(mode)}`,
    );
  }
  checkNumber(report, node.path, 'MaxConcurrency', state.MaxConcurrency, { min: 0, integer: true });
  checkNumber(report, node.path, 'ToleratedFailureCount', state.ToleratedFailureCount, { min: 0, integer: true });
  checkNumber(report, node.path, 'ToleratedFailurePercentage', state.ToleratedFailurePercentage, {
    min: 0,
    max: 100,
    integer: false,
  });
  const batcher = state.ItemBatcher;
  if (isJsonObject(batcher)) {
    checkNumber(report, node.path, 'ItemBatcher.MaxItemsPerBatch', batcher.MaxItemsPerBatch, { min: 1, integer: true });
    checkNumber(report, node.path, 'ItemBatcher.MaxInputBytesPerBatch', batcher.MaxInputBytesPerBatch, {
      min: 1,
      max: 262_144,
      integer: true,
    });
  }
  const reader = state.ItemReader;
  if (isJsonObject(reader) && isJsonObject(reader.ReaderConfig)) {
    checkNumber(report, node.path, 'ItemReader.ReaderConfig.MaxItems', reader.ReaderConfig.MaxItems, {
      min: 1,
      max: 100_000_000,
      integer: true,
    });
  }
  checkLabel(report, node, state);
}

function checkLabel(report: Report, node: StateNode, state: JsonObject): void {
  const label = state.Label;
  if (label === undefined) return;
  if (typeof label !== 'string' || label.length === 0)
    report.error('INVALID_MAP_LABEL', node.path, 'Label must be a non-empty string');
  else if ([...label].length > 40)
    report.error('INVALID_MAP_LABEL', node.path, `Label holds at most 40 characters, got ${[...label].length}`);
  else if (INVALID_LABEL_CHARACTERS.test(label))
    report.error('INVALID_MAP_LABEL', node.path, `Label "${label}" contains a character AWS does not allow`);
}

function checkParallel(report: Report, node: StateNode): void {
  const branches = node.definition.Branches;
  if (!Array.isArray(branches) || branches.length === 0)
    report.error('MISSING_BRANCHES', node.path, 'a Parallel state needs a non-empty "Branches" list');
}

function checkFail(report: Report, node: StateNode): void {
  atMostOne(report, node, ['Error', 'ErrorPath']);
  atMostOne(report, node, ['Cause', 'CausePath']);
}

const CHECKS: Record<string, (report: Report, node: StateNode) => void> = {
  Task: checkTask,
  Wait: checkWait,
  Choice: checkChoice,
  Map: checkMap,
  Parallel: checkParallel,
  Fail: checkFail,
};

export function checkStates(model: MachineModel, report: Report): void {
  checkNumber(report, '', 'TimeoutSeconds', model.definition.TimeoutSeconds, {
    min: 1,
    max: MAX_SECONDS,
    integer: true,
  });
  const language = model.definition.QueryLanguage;
  if (language !== undefined && language !== 'JSONPath' && language !== 'JSONata') {
    report.error(
      'INVALID_QUERY_LANGUAGE',
      '',
      `QueryLanguage must be JSONPath or JSONata, got ${JSON.stringify(language)}`,
    );
  }
  for (const node of model.states) {
    const type = node.definition.Type;
    if (typeof type === 'string') CHECKS[type]?.(report, node);
  }
}
