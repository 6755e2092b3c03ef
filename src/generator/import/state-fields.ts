// Which ASL fields each state type has and how each becomes a DSL option: kept literally, a payload template, a
// raw path string, or handled by the graph emitter (transitions, nested graphs, Retry/Catch).

export type FieldKind =
  | 'literal'
  /** A payload template whose `$` is the state input. */
  | 'template'
  /** A payload template whose `$` is the state's result (ResultSelector, a result's Assign). */
  | 'resultTemplate'
  /** InputPath, ResultPath, ...Path fields: strings (or null) kept as written. */
  | 'path'
  /** Map's ItemReader, ItemBatcher, ResultWriter, ProcessorConfig: objects with their own keys. */
  | 'mapObject'
  /** Next, End, Choices, Default, Branches, ItemProcessor, Iterator, Retry, Catch: written by the graph emitter. */
  | 'graph';

const COMMON: Record<string, FieldKind> = { Type: 'graph', Comment: 'literal', QueryLanguage: 'literal' };
const FLOW: Record<string, FieldKind> = { Next: 'graph', End: 'graph' };
const IO: Record<string, FieldKind> = { InputPath: 'path', OutputPath: 'path', Output: 'template' };
const RESULT: Record<string, FieldKind> = {
  ResultSelector: 'resultTemplate',
  ResultPath: 'path',
  Assign: 'resultTemplate',
  Retry: 'graph',
  Catch: 'graph',
};

export const STATE_FIELDS: Record<string, Record<string, FieldKind>> = {
  Task: {
    ...COMMON,
    ...FLOW,
    ...IO,
    ...RESULT,
    Resource: 'literal',
    Credentials: 'template',
    Parameters: 'template',
    Arguments: 'template',
    TimeoutSeconds: 'literal',
    TimeoutSecondsPath: 'path',
    HeartbeatSeconds: 'literal',
    HeartbeatSecondsPath: 'path',
  },
  Pass: {
    ...COMMON,
    ...FLOW,
    ...IO,
    Parameters: 'template',
    Result: 'literal',
    ResultPath: 'path',
    Assign: 'template',
  },
  Choice: { ...COMMON, ...IO, Assign: 'template', Choices: 'graph', Default: 'graph' },
  Wait: {
    ...COMMON,
    ...FLOW,
    ...IO,
    Assign: 'template',
    Seconds: 'literal',
    SecondsPath: 'path',
    Timestamp: 'literal',
    TimestampPath: 'path',
  },
  Succeed: { ...COMMON, ...IO },
  Fail: { ...COMMON, Error: 'literal', ErrorPath: 'path', Cause: 'literal', CausePath: 'path' },
  Parallel: { ...COMMON, ...FLOW, ...IO, ...RESULT, Parameters: 'template', Arguments: 'template', Branches: 'graph' },
  Map: {
    ...COMMON,
    ...FLOW,
    ...IO,
    ...RESULT,
    Items: 'literal',
    ItemsPath: 'path',
    ItemSelector: 'template',
    Parameters: 'template',
    ItemReader: 'mapObject',
    ItemBatcher: 'mapObject',
    ResultWriter: 'mapObject',
    MaxConcurrency: 'literal',
    MaxConcurrencyPath: 'path',
    ToleratedFailureCount: 'literal',
    ToleratedFailureCountPath: 'path',
    ToleratedFailurePercentage: 'literal',
    ToleratedFailurePercentagePath: 'path',
    Label: 'literal',
    ItemProcessor: 'graph',
    Iterator: 'graph',
  },
};

/** The DSL factory method for each state type. */
export const FACTORY_METHOD: Record<string, string> = {
  Task: 'task',
  Pass: 'pass',
  Choice: 'choice',
  Wait: 'wait',
  Succeed: 'succeed',
  Fail: 'fail',
  Parallel: 'parallel',
  Map: 'map',
};

/** `TimeoutSecondsPath` -> `timeoutSecondsPath`. */
export function optionName(aslKey: string): string {
  return aslKey[0]!.toLowerCase() + aslKey.slice(1);
}
