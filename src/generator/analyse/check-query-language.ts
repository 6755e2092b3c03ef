import { isJsonObject, type JsonObject } from '../asl/json.ts';
import type { MachineModel, QueryLanguage, StateNode } from '../asl/model.ts';
import type { Report } from './report.ts';

const JSONPATH_STATE_FIELDS = [
  'InputPath',
  'OutputPath',
  'Parameters',
  'ResultSelector',
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
const JSONATA_STATE_FIELDS = ['Arguments', 'Output', 'Items'];
/** Fields of nested objects whose name depends on the language, as `parent.field`. */
const JSONPATH_NESTED = [
  'ItemReader.Parameters',
  'ItemReader.ReaderConfig.MaxItemsPath',
  'ItemBatcher.MaxItemsPerBatchPath',
  'ItemBatcher.MaxInputBytesPerBatchPath',
  'ResultWriter.Parameters',
];
const JSONATA_NESTED = ['ItemReader.Arguments', 'ResultWriter.Arguments'];
const CHOICE_RULE_JSONATA = ['Condition', 'Output'];

function lookup(state: JsonObject, dotted: string): unknown {
  let current: unknown = state;
  for (const part of dotted.split('.')) {
    if (!isJsonObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

function misplaced(report: Report, node: StateNode, field: string, language: QueryLanguage): void {
  const other = language === 'JSONata' ? 'JSONPath' : 'JSONata';
  report.error(
    'FIELD_NOT_IN_QUERY_LANGUAGE',
    node.path,
    `${field} is a ${other} field, but this state's QueryLanguage is ${language}`,
  );
}

/** Choice rules: JSONata states use Condition; JSONPath states use Variable and the comparison operators. */
function checkChoiceRules(report: Report, node: StateNode): void {
  const choices = node.definition.Choices;
  if (!Array.isArray(choices)) return;
  choices.forEach((rule, index) => {
    if (!isJsonObject(rule)) return;
    const operators = Object.keys(rule).filter(
      (key) => !['Next', 'Assign', 'Comment', ...CHOICE_RULE_JSONATA].includes(key),
    );
    if (node.language === 'JSONata') {
      for (const operator of operators) misplaced(report, node, `Choices[${index}].${operator}`, 'JSONata');
      if (rule.Condition === undefined)
        report.error('MISSING_CONDITION', node.path, `Choices[${index}] needs "Condition" in a JSONata state`);
    } else {
      for (const field of CHOICE_RULE_JSONATA)
        if (rule[field] !== undefined) misplaced(report, node, `Choices[${index}].${field}`, 'JSONPath');
    }
  });
}

function checkCatchers(report: Report, node: StateNode): void {
  const catchers = node.definition.Catch;
  if (!Array.isArray(catchers)) return;
  catchers.forEach((catcher, index) => {
    if (!isJsonObject(catcher)) return;
    if (node.language === 'JSONata' && catcher.ResultPath !== undefined)
      misplaced(report, node, `Catch[${index}].ResultPath`, 'JSONata');
    if (node.language === 'JSONPath' && catcher.Output !== undefined)
      misplaced(report, node, `Catch[${index}].Output`, 'JSONPath');
  });
}

export function checkQueryLanguage(model: MachineModel, report: Report): void {
  for (const node of model.states) {
    const state = node.definition;
    if (model.defaultLanguage === 'JSONata' && state.QueryLanguage === 'JSONPath') {
      report.error(
        'QUERY_LANGUAGE_DOWNGRADE',
        node.path,
        'QueryLanguage cannot be JSONPath when the state machine sets JSONata',
      );
    }
    if (state.QueryLanguage !== undefined && state.QueryLanguage !== 'JSONPath' && state.QueryLanguage !== 'JSONata') {
      report.error(
        'INVALID_QUERY_LANGUAGE',
        node.path,
        `QueryLanguage must be JSONPath or JSONata, got ${JSON.stringify(state.QueryLanguage)}`,
      );
    }
    const [foreignFields, foreignNested] =
      node.language === 'JSONata' ? [JSONPATH_STATE_FIELDS, JSONPATH_NESTED] : [JSONATA_STATE_FIELDS, JSONATA_NESTED];
    for (const field of foreignFields) if (state[field] !== undefined) misplaced(report, node, field, node.language);
    for (const field of foreignNested)
      if (lookup(state, field) !== undefined) misplaced(report, node, field, node.language);
    if (state.Type === 'Choice') checkChoiceRules(report, node);
    checkCatchers(report, node);
  }
}
