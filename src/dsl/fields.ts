// How each option becomes an ASL field. One table, so every state renders a field the same way and language rules
// (Parameters vs Arguments, ...Path vs expression) live in one place.
import type { JsonValue, QueryLanguage } from './asl-types.ts';
import { DslError } from './dsl-error.ts';
import { isExpression, renderExpression } from './jsonata.ts';
import { isRef, renderJsonataPath, renderJsonPath } from './refs.ts';
import { type PathArgument, renderPathField, renderTemplate } from './templates.ts';

export type FieldRenderer = (value: unknown, language: QueryLanguage, where: string) => [string, JsonValue][];

const JSONPATH_ONLY = new Set(['InputPath', 'OutputPath', 'ResultPath', 'ResultSelector', 'Parameters']);
const JSONATA_ONLY = new Set(['Arguments', 'Output']);

function checkLanguage(aslKey: string, language: QueryLanguage, where: string): void {
  if (language === 'JSONata' && JSONPATH_ONLY.has(aslKey)) {
    throw new DslError(`${where}.${aslKey}: not allowed in a JSONata state (use arguments/output)`);
  }
  if (language === 'JSONPath' && JSONATA_ONLY.has(aslKey)) {
    throw new DslError(`${where}.${aslKey}: not allowed in a JSONPath state (use parameters/outputPath)`);
  }
}

const literal =
  (aslKey: string): FieldRenderer =>
  (value) => [[aslKey, value as JsonValue]];

const template =
  (aslKey: string): FieldRenderer =>
  (value, language, where) => {
    checkLanguage(aslKey, language, where);
    return [[aslKey, renderTemplate(value, language, `${where}.${aslKey}`)]];
  };

const path =
  (aslKey: string): FieldRenderer =>
  (value, language, where) => {
    checkLanguage(aslKey, language, where);
    return [[aslKey, renderPathField(value as PathArgument | null, `${where}.${aslKey}`)]];
  };

/**
 * A value that may be a literal, a reference or an expression: a reference becomes the `<key>Path` field in JSONPath
 * (`seconds: input.delay` -> `SecondsPath`) and an expression in JSONata.
 */
const literalOrPath =
  (aslKey: string): FieldRenderer =>
  (value, language, where) => {
    if (isRef(value)) {
      return language === 'JSONPath'
        ? [[`${aslKey}Path`, renderJsonPath(value)]]
        : [[aslKey, `{% ${renderJsonataPath(value)} %}`]];
    }
    if (isExpression(value)) {
      if (language === 'JSONPath') throw new DslError(`${where}.${aslKey}: a JSONata expression in a JSONPath state`);
      return [[aslKey, renderExpression(value)]];
    }
    return [[aslKey, renderTemplate(value, language, `${where}.${aslKey}`)]];
  };

/** Map `items`: ItemsPath (a reference) in JSONPath, Items (an array or expression) in JSONata. */
const items: FieldRenderer = (value, language, where) => {
  if (language === 'JSONPath') {
    if (!isRef(value) && typeof value !== 'string') {
      throw new DslError(`${where}.items: a JSONPath Map takes a reference (ItemsPath); literal Items need JSONata`);
    }
    return [['ItemsPath', renderPathField(value, `${where}.ItemsPath`)]];
  }
  return [['Items', renderTemplate(value, language, `${where}.Items`)]];
};

export const FIELD_RENDERERS: Record<string, FieldRenderer> = {
  comment: literal('Comment'),
  resource: literal('Resource'),
  credentials: template('Credentials'),
  inputPath: path('InputPath'),
  parameters: template('Parameters'),
  arguments: template('Arguments'),
  result: literal('Result'),
  resultSelector: template('ResultSelector'),
  resultPath: path('ResultPath'),
  outputPath: path('OutputPath'),
  output: template('Output'),
  assign: template('Assign'),
  timeoutSeconds: literalOrPath('TimeoutSeconds'),
  timeoutSecondsPath: path('TimeoutSecondsPath'),
  heartbeatSeconds: literalOrPath('HeartbeatSeconds'),
  heartbeatSecondsPath: path('HeartbeatSecondsPath'),
  seconds: literalOrPath('Seconds'),
  secondsPath: path('SecondsPath'),
  timestamp: literalOrPath('Timestamp'),
  timestampPath: path('TimestampPath'),
  error: literalOrPath('Error'),
  errorPath: path('ErrorPath'),
  cause: literalOrPath('Cause'),
  causePath: path('CausePath'),
  items,
  itemsPath: path('ItemsPath'),
  itemSelector: template('ItemSelector'),
  maxConcurrency: literalOrPath('MaxConcurrency'),
  maxConcurrencyPath: path('MaxConcurrencyPath'),
  toleratedFailureCount: literalOrPath('ToleratedFailureCount'),
  toleratedFailureCountPath: path('ToleratedFailureCountPath'),
  toleratedFailurePercentage: literalOrPath('ToleratedFailurePercentage'),
  toleratedFailurePercentagePath: path('ToleratedFailurePercentagePath'),
  label: literal('Label'),
};
