// Intrinsic function strings -> the DSL's typed helpers: `States.Format('Hi {}', $.name)` becomes
// `States.Format("Hi {}", input.name)`. Kept only when the DSL renders the call back to the same string and the
// helper's parameter types accept the arguments; otherwise the string stays as written.
import { type Intrinsic, type IntrinsicArgument, renderIntrinsic, States } from '../../dsl/intrinsics.ts';
import { primitiveCode } from './code-text.ts';
import type { CodeScope } from './code-scope.ts';
import { referenceCode, type ValueKind } from './references.ts';

type Parsed =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Parsed[] };

class Reader {
  index = 0;
  constructor(readonly text: string) {}
  skipSpace(): void {
    while (/\s/.test(this.text[this.index] ?? '')) this.index++;
  }
  peek(): string {
    return this.text[this.index] ?? '';
  }
}

function readString(reader: Reader): string | undefined {
  let value = '';
  reader.index++;
  while (reader.index < reader.text.length) {
    const character = reader.text[reader.index++]!;
    if (character === '\\') value += reader.text[reader.index++] ?? '';
    else if (character === "'") return value;
    else value += character;
  }
  return undefined;
}

function readPath(reader: Reader): string {
  const start = reader.index;
  let depth = 0;
  let quoted = false;
  while (reader.index < reader.text.length) {
    const character = reader.text[reader.index]!;
    if (quoted) {
      if (character === '\\') reader.index++;
      else if (character === "'") quoted = false;
    } else if (character === "'") quoted = true;
    else if (character === '[' || character === '(') depth++;
    else if (character === ']' || character === ')') {
      if (depth === 0) break;
      depth--;
    } else if (character === ',' && depth === 0) break;
    reader.index++;
  }
  return reader.text.slice(start, reader.index).trimEnd();
}

function readArgument(reader: Reader): Parsed | undefined {
  reader.skipSpace();
  const character = reader.peek();
  if (character === "'") {
    const value = readString(reader);
    return value === undefined ? undefined : { kind: 'literal', value };
  }
  if (character === '$') return { kind: 'path', path: readPath(reader) };
  if (reader.text.startsWith('States.', reader.index)) return readCall(reader);
  const word = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(reader.text.slice(reader.index));
  if (!word) return undefined;
  reader.index += word[0].length;
  const text = word[0];
  return {
    kind: 'literal',
    value: text === 'true' ? true : text === 'false' ? false : text === 'null' ? null : Number(text),
  };
}

function readCall(reader: Reader): Parsed | undefined {
  const head = /^States\.([A-Za-z0-9]+)\(/.exec(reader.text.slice(reader.index));
  if (!head) return undefined;
  reader.index += head[0].length;
  const args: Parsed[] = [];
  reader.skipSpace();
  if (reader.peek() === ')') {
    reader.index++;
    return { kind: 'call', name: head[1]!, args };
  }
  for (;;) {
    const argument = readArgument(reader);
    if (!argument) return undefined;
    args.push(argument);
    reader.skipSpace();
    const separator = reader.text[reader.index++];
    if (separator === ')') return { kind: 'call', name: head[1]!, args };
    if (separator !== ',') return undefined;
  }
}

/** What a helper parameter accepts, mirroring the signatures in src/dsl/intrinsics.ts. */
type Parameter = 'any' | 'string' | 'number' | 'array' | 'dynamic' | 'hash' | 'false' | 'template';

interface Helper {
  readonly parameters: readonly Parameter[];
  readonly optional?: number;
  readonly rest?: Parameter;
  readonly returns: ValueKind | 'array' | 'boolean' | 'unknown';
}

const HELPERS: Record<string, Helper> = {
  Format: { parameters: ['template'], rest: 'any', returns: 'string' },
  StringToJson: { parameters: ['string'], returns: 'unknown' },
  JsonToString: { parameters: ['any'], returns: 'string' },
  Array: { parameters: [], rest: 'any', returns: 'array' },
  ArrayPartition: { parameters: ['array', 'number'], returns: 'array' },
  ArrayContains: { parameters: ['array', 'any'], returns: 'boolean' },
  ArrayRange: { parameters: ['number', 'number', 'number'], returns: 'array' },
  ArrayGetItem: { parameters: ['array', 'number'], returns: 'unknown' },
  ArrayLength: { parameters: ['array'], returns: 'number' },
  ArrayUnique: { parameters: ['array'], returns: 'array' },
  Base64Encode: { parameters: ['string'], returns: 'string' },
  Base64Decode: { parameters: ['string'], returns: 'string' },
  Hash: { parameters: ['any', 'hash'], returns: 'string' },
  JsonMerge: { parameters: ['dynamic', 'dynamic', 'false'], returns: 'object' },
  MathRandom: { parameters: ['number', 'number', 'number'], optional: 1, returns: 'number' },
  MathAdd: { parameters: ['number', 'number'], returns: 'number' },
  StringSplit: { parameters: ['string', 'string'], returns: 'array' },
  UUID: { parameters: [], returns: 'string' },
};

const HASH_ALGORITHMS = new Set(['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']);

interface Built {
  readonly code: string;
  readonly value: IntrinsicArgument;
  readonly kind: Helper['returns'] | 'literal-string' | 'literal-number' | 'literal-other';
}

function accepts(parameter: Parameter, argument: Built, literal: Parsed): boolean {
  if (parameter === 'any') return true;
  if (parameter === 'template') return literal.kind === 'literal' && typeof literal.value === 'string';
  if (parameter === 'false') return literal.kind === 'literal' && literal.value === false;
  if (parameter === 'hash') {
    return (literal.kind === 'literal' && HASH_ALGORITHMS.has(String(literal.value))) || argument.kind === 'untyped';
  }
  if (parameter === 'dynamic') return literal.kind !== 'literal';
  if (parameter === 'array') return argument.kind === 'untyped' || argument.kind === 'array';
  if (parameter === 'string')
    return argument.kind === 'untyped' || argument.kind === 'string' || argument.kind === 'literal-string';
  return argument.kind === 'untyped' || argument.kind === 'number' || argument.kind === 'literal-number';
}

function build(parsed: Parsed, scope: CodeScope): Built | undefined {
  if (parsed.kind === 'literal') {
    const { value } = parsed;
    const kind =
      typeof value === 'string' ? 'literal-string' : typeof value === 'number' ? 'literal-number' : 'literal-other';
    return { code: primitiveCode(value), value, kind };
  }
  if (parsed.kind === 'path') {
    const reference = referenceCode(parsed.path, scope);
    return reference ? { code: reference.code, value: reference.ref, kind: reference.kind } : undefined;
  }
  const helper = HELPERS[parsed.name];
  if (!helper) return undefined;
  const required = helper.parameters.length - (helper.optional ?? 0);
  if (parsed.args.length < required || (!helper.rest && parsed.args.length > helper.parameters.length))
    return undefined;
  const built: Built[] = [];
  for (const [index, argument] of parsed.args.entries()) {
    const result = build(argument, scope);
    const parameter = helper.parameters[index] ?? helper.rest!;
    if (!result || !accepts(parameter, result, argument)) return undefined;
    built.push(result);
  }
  const helperFunction = States[parsed.name as keyof typeof States] as (
    ...args: IntrinsicArgument[]
  ) => Intrinsic<unknown>;
  const value = helperFunction(...built.map((argument) => argument.value));
  return {
    code: `${scope.use('States')}.${parsed.name}(${built.map((argument) => argument.code).join(', ')})`,
    value,
    kind: helper.returns,
  };
}

/** The helper call for an intrinsic function string, or undefined to keep the string. */
export function intrinsicCode(text: string, scope: CodeScope): string | undefined {
  if (!text.startsWith('States.')) return undefined;
  const reader = new Reader(text);
  const parsed = readCall(reader);
  if (!parsed || reader.index !== text.length) return undefined;
  const trial = scope.trial();
  const built = build(parsed, trial);
  if (!built || renderIntrinsic(built.value as Intrinsic<unknown>) !== text) return undefined;
  scope.adopt(trial);
  return built.code;
}
