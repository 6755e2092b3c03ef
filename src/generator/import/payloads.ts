// Payload templates (Parameters, ItemSelector, ResultSelector, Assign, Credentials, ...) -> DSL template code.
// JSONPath: a `"key.$"` entry becomes `key: <reference or States.* call>` when the DSL writes it back the same;
// JSONata: `{% ... %}` strings are kept as written, since they are already the expression.
import type { JsonValue, QueryLanguage } from '../../dsl/asl-types.ts';
import { type CodeValue, RawCode } from './code-text.ts';
import type { CodeScope, ScopeName } from './code-scope.ts';
import { intrinsicCode } from './intrinsic-calls.ts';
import { referenceCode } from './references.ts';

/** Plain JSON as code, unchanged. */
export function literalCode(value: JsonValue): CodeValue {
  return value;
}

function dynamicEntryCode(
  text: string,
  scope: CodeScope,
  dollar: Exclude<ScopeName, 'context'>,
): CodeValue | undefined {
  const reference = text.startsWith('$') ? referenceCode(text, scope, dollar) : undefined;
  if (reference) return new RawCode(reference.code);
  const intrinsic = intrinsicCode(text, scope);
  return intrinsic === undefined ? undefined : new RawCode(intrinsic);
}

function jsonPathObjectCode(
  value: { [key: string]: JsonValue },
  scope: CodeScope,
  dollar: Exclude<ScopeName, 'context'>,
): CodeValue {
  const out: { [key: string]: CodeValue } = {};
  for (const [key, entry] of Object.entries(value)) {
    const base = key.slice(0, -2);
    const canLift =
      key.endsWith('.$') && typeof entry === 'string' && base.length > 0 && !base.endsWith('.$') && !(base in value);
    const lifted = canLift ? dynamicEntryCode(entry as string, scope, dollar) : undefined;
    if (lifted !== undefined) out[base] = lifted;
    else out[key] = jsonPathValueCode(entry, scope, dollar);
  }
  return out;
}

function jsonPathValueCode(value: JsonValue, scope: CodeScope, dollar: Exclude<ScopeName, 'context'>): CodeValue {
  // Inside arrays everything stays literal: the DSL turns an array holding references into States.Array(...).
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) return jsonPathObjectCode(value, scope, dollar);
  return value;
}

/**
 * A payload for a state of the given effective language. `dollar` is what `$` stands for in it (the state input, or
 * the result for ResultSelector and a result's Assign).
 */
export function templateCode(
  value: JsonValue,
  language: QueryLanguage,
  scope: CodeScope,
  dollar: Exclude<ScopeName, 'context'> = 'input',
): CodeValue {
  return language === 'JSONata' ? value : jsonPathValueCode(value, scope, dollar);
}
