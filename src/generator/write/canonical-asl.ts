import { isJsonObject, type JsonObject, type JsonValue } from '../asl/json.ts';

// ASL fields in one fixed order, so that the bytes written do not depend on the order in which a definition's
// objects were built. Payloads (Parameters, Arguments, Assign...) keep the user's order: it is theirs.
const MACHINE = ['Comment', 'QueryLanguage', 'StartAt', 'TimeoutSeconds', 'Version', 'States'];
const SCOPE = ['Comment', 'ProcessorConfig', 'StartAt', 'States'];
const STATE = [
  'Type',
  'Comment',
  'QueryLanguage',
  'Resource',
  'Credentials',
  'InputPath',
  'Parameters',
  'Arguments',
  'Items',
  'ItemsPath',
  'ItemReader',
  'ItemSelector',
  'ItemBatcher',
  'ItemProcessor',
  'Iterator',
  'Branches',
  'MaxConcurrency',
  'MaxConcurrencyPath',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'Label',
  'ResultWriter',
  'Result',
  'ResultSelector',
  'ResultPath',
  'Output',
  'OutputPath',
  'Assign',
  'Seconds',
  'SecondsPath',
  'Timestamp',
  'TimestampPath',
  'TimeoutSeconds',
  'TimeoutSecondsPath',
  'HeartbeatSeconds',
  'HeartbeatSecondsPath',
  'Choices',
  'Default',
  'Error',
  'ErrorPath',
  'Cause',
  'CausePath',
  'Retry',
  'Catch',
  'Next',
  'End',
];
const RETRIER = [
  'ErrorEquals',
  'Comment',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
  'JitterStrategy',
];
const CATCHER = ['ErrorEquals', 'Comment', 'ResultPath', 'Output', 'Assign', 'Next'];
// Choice rules: the subject first, then its test, then where it leads.
const RULE_HEAD = ['Variable', 'Condition', 'And', 'Or', 'Not'];
const RULE_TAIL = ['Comment', 'Assign', 'Output', 'Next'];
const PAYLOAD_FIELDS = new Set([
  'Parameters',
  'Arguments',
  'ItemSelector',
  'ResultSelector',
  'Result',
  'Assign',
  'Output',
  'Credentials',
]);

function ordered(object: JsonObject, order: readonly string[], tail: readonly string[] = []): JsonObject {
  const result: JsonObject = {};
  for (const key of order) if (key in object) result[key] = object[key]!;
  for (const key of Object.keys(object)) if (!(key in result) && !tail.includes(key)) result[key] = object[key]!;
  for (const key of tail) if (key in object) result[key] = object[key]!;
  return result;
}

function rule(value: JsonValue): JsonValue {
  if (!isJsonObject(value)) return value;
  const result = ordered(value, RULE_HEAD, RULE_TAIL);
  for (const key of ['And', 'Or']) if (Array.isArray(result[key])) result[key] = (result[key] as JsonValue[]).map(rule);
  if (result.Not !== undefined) result.Not = rule(result.Not);
  return result;
}

function scope(value: JsonValue): JsonValue {
  if (!isJsonObject(value)) return value;
  const result = ordered(value, SCOPE);
  if (isJsonObject(result.States)) {
    result.States = Object.fromEntries(Object.entries(result.States).map(([name, inner]) => [name, state(inner)]));
  }
  return result;
}

function state(value: JsonValue): JsonValue {
  if (!isJsonObject(value)) return value;
  const result = ordered(value, STATE);
  for (const [key, inner] of Object.entries(result)) {
    if (PAYLOAD_FIELDS.has(key)) continue;
    if (key === 'Retry' && Array.isArray(inner))
      result[key] = inner.map((r) => (isJsonObject(r) ? ordered(r, RETRIER) : r));
    else if (key === 'Catch' && Array.isArray(inner))
      result[key] = inner.map((c) => (isJsonObject(c) ? ordered(c, CATCHER) : c));
    else if (key === 'Choices' && Array.isArray(inner)) result[key] = inner.map(rule);
    else if (key === 'Branches' && Array.isArray(inner)) result[key] = inner.map(scope);
    else if (key === 'ItemProcessor' || key === 'Iterator') result[key] = scope(inner);
  }
  return result;
}

/** The definition with its ASL fields in canonical order; states keep their declaration order. */
export function canonicalAsl(definition: JsonObject): JsonObject {
  const result = ordered(definition, MACHINE);
  if (isJsonObject(result.States)) {
    result.States = Object.fromEntries(Object.entries(result.States).map(([name, inner]) => [name, state(inner)]));
  }
  return result;
}
