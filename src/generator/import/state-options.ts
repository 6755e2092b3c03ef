// One ASL state -> the options argument of its DSL factory call (`{ resource: ..., parameters: ... }`, or the
// callback form `({ input }) => ({ ... })` when references into the input, result or context appear).
import type { JsonObject, JsonValue, QueryLanguage } from '../../dsl/asl-types.ts';
import { Errors } from '../../dsl/retry-catch.ts';
import { isJsonObject } from '../asl/json.ts';
import { type CodeValue, printCode, RawCode } from './code-text.ts';
import { CodeScope } from './code-scope.ts';
import { ImportError } from './import-error.ts';
import { templateCode } from './payloads.ts';
import { referenceCode } from './references.ts';
import { resourceCode } from './resource-arns.ts';
import { type FieldKind, optionName, STATE_FIELDS } from './state-fields.ts';

export interface StateContext {
  /** `Outer/branch 0/Inner`-style path for error messages. */
  readonly where: string;
  readonly language: QueryLanguage;
  readonly imports: Set<string>;
}

const MAP_OBJECT_KEYS: Record<string, Record<string, FieldKind>> = {
  ItemReader: { Resource: 'literal', ReaderConfig: 'literal', Parameters: 'template', Arguments: 'template' },
  ResultWriter: { Resource: 'literal', WriterConfig: 'literal', Parameters: 'template', Arguments: 'template' },
  ItemBatcher: {
    MaxItemsPerBatch: 'literal',
    MaxItemsPerBatchPath: 'path',
    MaxInputBytesPerBatch: 'literal',
    MaxInputBytesPerBatchPath: 'path',
    BatchInput: 'template',
  },
};

function checkPath(value: JsonValue, where: string): JsonValue {
  if (value !== null && typeof value !== 'string')
    throw new ImportError(`${where}: a path must be a string or null, got ${JSON.stringify(value)}`);
  return value;
}

function mapObjectCode(key: string, value: JsonValue, context: StateContext, scope: CodeScope): CodeValue {
  const where = `${context.where}.${key}`;
  if (!isJsonObject(value)) throw new ImportError(`${where}: must be an object`);
  const fields = MAP_OBJECT_KEYS[key]!;
  const out: { [key: string]: CodeValue } = {};
  for (const [field, entry] of Object.entries(value)) {
    const kind = fields[field];
    if (!kind) throw new ImportError(`${where}.${field}: not a field the DSL knows for ${key}`);
    // The DSL writes ItemReader/ResultWriter payloads as Parameters or Arguments by the state's language.
    const expected = context.language === 'JSONata' ? 'Arguments' : 'Parameters';
    if ((field === 'Parameters' || field === 'Arguments') && field !== expected) {
      throw new ImportError(`${where}.${field}: a ${context.language} state writes this payload as ${expected}`);
    }
    const name = field === 'Arguments' ? 'parameters' : optionName(field);
    const resource = field === 'Resource' && typeof entry === 'string' ? resourceCode(entry, scope) : undefined;
    if (resource !== undefined) out[name] = new RawCode(resource);
    else if (kind === 'template') out[name] = templateCode(entry, context.language, scope);
    else if (kind === 'path') out[name] = checkPath(entry, `${where}.${field}`);
    else out[name] = entry;
  }
  return out;
}

function processorConfigCode(value: JsonValue | undefined, where: string): CodeValue | undefined {
  if (value === undefined) return undefined;
  if (!isJsonObject(value)) throw new ImportError(`${where}.ProcessorConfig: must be an object`);
  const out: { [key: string]: CodeValue } = {};
  for (const [field, entry] of Object.entries(value)) {
    if (field !== 'Mode' && field !== 'ExecutionType')
      throw new ImportError(`${where}.ProcessorConfig.${field}: not a field the DSL knows`);
    out[optionName(field)] = entry;
  }
  return out;
}

/**
 * Fields written through a DSL helper when it gives the same ASL back: Resource through `arn.*`, and a JSONPath
 * ItemsPath as `items: input.list` (a typed reference, so the processor's item type follows).
 */
function liftedField(
  key: string,
  value: JsonValue,
  context: StateContext,
  scope: CodeScope,
): { name: string; code: CodeValue } | undefined {
  if (key === 'Resource' && typeof value === 'string') {
    const code = resourceCode(value, scope);
    return code === undefined ? undefined : { name: 'resource', code: new RawCode(code) };
  }
  if (key === 'ItemsPath' && typeof value === 'string' && context.language === 'JSONPath') {
    const trial = scope.trial();
    const reference = referenceCode(value, trial);
    if (reference?.kind !== 'untyped') return undefined;
    scope.adopt(trial);
    return { name: 'items', code: new RawCode(reference.code) };
  }
  return undefined;
}

export interface BuiltOptions {
  /** The options as printed code, or undefined when there are none. */
  readonly code: string | undefined;
}

/**
 * The options of one state. `extra` holds entries the graph emitter computed (Parallel `branches`); Map processor
 * settings (`processorConfig`, `legacyIterator`) are read here from ItemProcessor/Iterator.
 */
export function stateOptionsCode(
  state: JsonObject,
  context: StateContext,
  extra: { [key: string]: CodeValue } = {},
): BuiltOptions {
  const type = state.Type as string;
  const fields = STATE_FIELDS[type]!;
  const scope = new CodeScope(context.imports, true);
  const out: { [key: string]: CodeValue } = {};
  for (const [key, value] of Object.entries(state)) {
    const kind = fields[key];
    if (!kind) throw new ImportError(`${context.where}.${key}: not a field of a ${type} state`);
    const where = `${context.where}.${key}`;
    if (kind === 'graph') continue;
    if (key === 'Items' && context.language === 'JSONPath') {
      throw new ImportError(`${where}: literal Items exist only in JSONata states (JSONPath uses ItemsPath)`);
    }
    const name = optionName(key);
    const lifted = liftedField(key, value, context, scope);
    if (lifted !== undefined) out[lifted.name] = lifted.code;
    else if (kind === 'literal') out[name] = value;
    else if (kind === 'path') out[name] = checkPath(value, where);
    else if (kind === 'template') out[name] = templateCode(value, context.language, scope, 'input');
    else if (kind === 'resultTemplate')
      out[name] = templateCode(value, context.language, scope, type === 'Pass' ? 'input' : 'result');
    else out[name] = mapObjectCode(key, value, context, scope);
  }
  if (type === 'Map') {
    const processor = state.ItemProcessor ?? state.Iterator;
    if (isJsonObject(processor)) {
      const config = processorConfigCode(
        processor.ProcessorConfig,
        `${context.where}.${state.Iterator ? 'Iterator' : 'ItemProcessor'}`,
      );
      if (config !== undefined) out.processorConfig = config;
    }
    if (state.Iterator !== undefined) out.legacyIterator = true;
  }
  Object.assign(out, extra);
  if (Object.keys(out).length === 0) return { code: undefined };
  const printed = printCode(out);
  return { code: scope.scopeNames.size > 0 ? `(${scope.parameterList()}) => (${printed})` : printed };
}

const ERROR_CONSTANTS = new Map(Object.entries(Errors).map(([constant, name]) => [name as string, constant]));

/** `['States.Timeout', 'Custom']` -> `[Errors.Timeout, 'Custom']`; `['States.ALL']` (the default) -> undefined. */
function errorsCode(errors: readonly JsonValue[], imports: Set<string>): CodeValue | undefined {
  if (errors.length === 1 && errors[0] === 'States.ALL') return undefined;
  return errors.map((error) => {
    const constant = ERROR_CONSTANTS.get(error as string);
    if (constant === undefined) return error;
    imports.add('Errors');
    return new RawCode(`Errors.${constant}`);
  });
}

/** Retry entries as `retry({...})` arguments, checking the types the DSL's RetryOptions declares. */
export function retryOptionsCode(retrier: JsonValue, where: string, imports: Set<string>): string {
  if (!isJsonObject(retrier)) throw new ImportError(`${where}: must be an object`);
  const out: { [key: string]: CodeValue } = {};
  for (const [key, value] of Object.entries(retrier)) {
    const at = `${where}.${key}`;
    if (key === 'ErrorEquals') {
      if (!Array.isArray(value) || value.length === 0 || value.some((item) => typeof item !== 'string')) {
        throw new ImportError(`${at}: must be a non-empty list of error names`);
      }
      const errors = errorsCode(value, imports);
      if (errors !== undefined) out.errors = errors;
    } else if (['IntervalSeconds', 'MaxAttempts', 'BackoffRate', 'MaxDelaySeconds'].includes(key)) {
      if (typeof value !== 'number') throw new ImportError(`${at}: must be a number, got ${JSON.stringify(value)}`);
      out[optionName(key)] = value;
    } else if (key === 'JitterStrategy') {
      if (value !== 'FULL' && value !== 'NONE') throw new ImportError(`${at}: must be FULL or NONE`);
      out.jitterStrategy = value;
    } else if (key === 'Comment') out.comment = value;
    else throw new ImportError(`${at}: not a field of a Retry entry`);
  }
  if (!('ErrorEquals' in retrier)) throw new ImportError(`${where}.ErrorEquals: missing`);
  return printCode(out);
}

/** A Catch entry's options (everything but Next), or undefined when only the defaults remain. */
export function catchOptionsCode(
  catcher: JsonObject,
  where: string,
  language: QueryLanguage,
  imports: Set<string>,
): string | undefined {
  const scope = new CodeScope(imports, false);
  const out: { [key: string]: CodeValue } = {};
  for (const [key, value] of Object.entries(catcher)) {
    const at = `${where}.${key}`;
    if (key === 'Next') continue;
    if (key === 'ErrorEquals') {
      if (!Array.isArray(value) || value.length === 0 || value.some((item) => typeof item !== 'string')) {
        throw new ImportError(`${at}: must be a non-empty list of error names`);
      }
      const errors = errorsCode(value, imports);
      if (errors !== undefined) out.errors = errors;
    } else if (key === 'ResultPath') out.resultPath = checkPath(value, at);
    else if (key === 'Output') out.output = value;
    else if (key === 'Assign') out.assign = templateCode(value, language, scope, 'input');
    else if (key === 'Comment') out.comment = value;
    else throw new ImportError(`${at}: not a field of a Catch entry`);
  }
  if (!('ErrorEquals' in catcher)) throw new ImportError(`${where}.ErrorEquals: missing`);
  return Object.keys(out).length ? printCode(out) : undefined;
}
