// Test support: builds an ASL definition through the DSL's public API, field by field (raw strings for paths and
// expressions), so a round trip proves the DSL can express that definition. Not the importer (which writes source).
import {
  type JsonObject,
  type JsonValue,
  type Linkable,
  type QueryLanguage,
  type State,
  steps,
  workflow,
  type Workflow,
} from '../../../src/dsl/index.ts';

type Asl = { [key: string]: JsonValue };

const OPTION_NAMES: Record<string, string> = {
  Comment: 'comment',
  QueryLanguage: 'queryLanguage',
  InputPath: 'inputPath',
  OutputPath: 'outputPath',
  Parameters: 'parameters',
  Arguments: 'arguments',
  ResultSelector: 'resultSelector',
  ResultPath: 'resultPath',
  Output: 'output',
  Assign: 'assign',
  Result: 'result',
  Resource: 'resource',
  Credentials: 'credentials',
  TimeoutSeconds: 'timeoutSeconds',
  TimeoutSecondsPath: 'timeoutSecondsPath',
  HeartbeatSeconds: 'heartbeatSeconds',
  HeartbeatSecondsPath: 'heartbeatSecondsPath',
  Seconds: 'seconds',
  SecondsPath: 'secondsPath',
  Timestamp: 'timestamp',
  TimestampPath: 'timestampPath',
  Error: 'error',
  ErrorPath: 'errorPath',
  Cause: 'cause',
  CausePath: 'causePath',
  Items: 'items',
  ItemsPath: 'itemsPath',
  ItemSelector: 'itemSelector',
  MaxConcurrency: 'maxConcurrency',
  MaxConcurrencyPath: 'maxConcurrencyPath',
  ToleratedFailureCount: 'toleratedFailureCount',
  ToleratedFailureCountPath: 'toleratedFailureCountPath',
  ToleratedFailurePercentage: 'toleratedFailurePercentage',
  ToleratedFailurePercentagePath: 'toleratedFailurePercentagePath',
  Label: 'label',
};

const HANDLED = new Set([
  'Type',
  'Next',
  'End',
  'Retry',
  'Catch',
  'Choices',
  'Default',
  'Branches',
  'ItemProcessor',
  'Iterator',
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
]);

const camel = (key: string): string => key.charAt(0).toLowerCase() + key.slice(1);

function asObject(value: JsonValue | undefined): Asl {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

function stateOptions(asl: Asl, language: QueryLanguage): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(asl)) {
    if (HANDLED.has(key)) continue;
    const option = OPTION_NAMES[key];
    if (!option) throw new Error(`no DSL option for ASL field ${key}`);
    // A JSONPath Map's ItemsPath is `items` only for references; keep the explicit field.
    options[option] = value;
  }
  const ioOf = (io: Asl): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(io)) {
      if (key === 'Parameters' || key === 'Arguments') out.parameters = value;
      else out[camel(key)] = value;
    }
    return out;
  };
  if (asl.ItemReader !== undefined) options.itemReader = ioOf(asObject(asl.ItemReader));
  if (asl.ResultWriter !== undefined) options.resultWriter = ioOf(asObject(asl.ResultWriter));
  if (asl.ItemBatcher !== undefined) options.itemBatcher = ioOf(asObject(asl.ItemBatcher));
  void language;
  return options;
}

/** Builds one graph's states unattached, links them, returns its start and every state (for add()). */
function buildGraph(graph: Asl, workflowLanguage: QueryLanguage): { start: State; all: State[] } {
  const states = asObject(graph.States);
  const built = new Map<string, State>();
  const factory = steps as unknown as Record<string, (name: string, options: unknown, processor?: unknown) => State>;
  for (const [name, value] of Object.entries(states)) {
    const asl = asObject(value);
    const language = (asl.QueryLanguage as QueryLanguage | undefined) ?? workflowLanguage;
    const options = stateOptions(asl, language);
    const type = String(asl.Type);
    if (Array.isArray(asl.Retry) && asl.Retry.length === 0) options.retry = [];
    if (Array.isArray(asl.Catch) && asl.Catch.length === 0) options.catch = [];
    if (type === 'Parallel') {
      options.branches = (asl.Branches as JsonValue[]).map(
        (branch) => buildGraph(asObject(branch), workflowLanguage).start,
      );
    }
    if (type === 'Map') {
      const processor = asl.ItemProcessor ?? asl.Iterator;
      options.processor = buildGraph(asObject(processor), workflowLanguage).start;
      if (asl.Iterator !== undefined) options.legacyIterator = true;
      const config = asObject(asObject(processor).ProcessorConfig);
      if (asObject(processor).ProcessorConfig !== undefined) {
        options.processorConfig = { mode: config.Mode, executionType: config.ExecutionType };
      }
    }
    const method = type === 'Map' ? 'map' : camel(type);
    built.set(name, factory[method].call(steps, name, options));
  }
  const find = (name: JsonValue | undefined): State => {
    const state = built.get(String(name));
    if (!state) throw new Error(`transition to unknown state ${String(name)}`);
    return state;
  };
  for (const [name, value] of Object.entries(states)) {
    const asl = asObject(value);
    const state = built.get(name) as unknown as Record<string, (...args: unknown[]) => unknown>;
    const language = (asl.QueryLanguage as QueryLanguage | undefined) ?? workflowLanguage;
    for (const retrier of (asl.Retry as JsonObject[] | undefined) ?? []) {
      state.retry(
        Object.fromEntries(
          Object.entries(retrier).map(([key, v]) => [key === 'ErrorEquals' ? 'errors' : camel(key), v]),
        ),
      );
    }
    for (const catcher of (asl.Catch as JsonObject[] | undefined) ?? []) {
      const options = Object.fromEntries(
        Object.entries(catcher)
          .filter(([key]) => key !== 'Next')
          .map(([key, v]) => [key === 'ErrorEquals' ? 'errors' : camel(key), v]),
      );
      state.catch(find(catcher.Next), options);
    }
    for (const rule of (asl.Choices as JsonObject[] | undefined) ?? []) {
      const { Next, ...rest } = rule;
      if (language === 'JSONata') {
        const { Condition, Assign, Output, Comment } = rest;
        state.when(Condition, find(Next), { assign: Assign, output: Output, comment: Comment });
      } else {
        state.when(rest, find(Next));
      }
    }
    if (asl.Default !== undefined) state.otherwise(find(asl.Default));
    if (asl.Next !== undefined) state.next(find(asl.Next));
  }
  return { start: find(graph.StartAt), all: [...built.values()] };
}

export function buildFromAsl(name: string, definition: Asl): Workflow<unknown, QueryLanguage> {
  const options: Record<string, unknown> = {};
  if (definition.Comment !== undefined) options.comment = definition.Comment;
  if (definition.QueryLanguage !== undefined) options.queryLanguage = definition.QueryLanguage;
  if (definition.TimeoutSeconds !== undefined) options.timeoutSeconds = definition.TimeoutSeconds;
  if (definition.Version !== undefined) options.version = definition.Version;
  const wf = workflow(name, options as never) as unknown as Workflow<unknown, QueryLanguage>;
  const language = (definition.QueryLanguage as QueryLanguage | undefined) ?? 'JSONPath';
  const { start, all } = buildGraph(definition, language);
  wf.start(start as Linkable);
  wf.add(...(all as Linkable[]));
  return wf;
}
