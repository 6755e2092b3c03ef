// The 18 intrinsic functions of JSONPath mode (AWS "Intrinsic functions"): `States.Format('{} x {}', $.n, $.sku)`.
// Arguments are string literals in single quotes (with \' \{ \} \\ escapes), numbers, booleans, null, paths,
// context paths, variables or nested intrinsic calls.
import { createHash } from 'node:crypto';
import { StatesError, STATES } from './errors.ts';
import type { PathScope } from './jsonpath/expression.ts';
import { lookup } from './jsonpath/expression.ts';
import { isJsonObject, jsonEquals, type JsonValue } from './json.ts';
import { seeded, uuidFrom } from './random.ts';

type Argument =
  | { readonly kind: 'literal'; readonly value: JsonValue }
  | { readonly kind: 'path'; readonly text: string }
  | Call;
interface Call {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly Argument[];
}

export function callIntrinsic(text: string, scope: PathScope): JsonValue {
  const parser = new Parser(text.trim());
  const call = parser.call();
  parser.end();
  return invoke(call, scope);
}

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  call(): Call {
    const match = /^States\.([A-Za-z0-9]+)\(/.exec(this.text.slice(this.at));
    if (!match) throw this.error('expected States.<Function>(');
    this.at += match[0].length;
    const args: Argument[] = [];
    this.space();
    if (this.text[this.at] === ')') {
      this.at += 1;
      return { kind: 'call', name: match[1] as string, args };
    }
    for (;;) {
      args.push(this.argument());
      this.space();
      const char = this.text[this.at];
      this.at += 1;
      if (char === ')') return { kind: 'call', name: match[1] as string, args };
      if (char !== ',') throw this.error('expected "," or ")"');
    }
  }

  end(): void {
    this.space();
    if (this.at !== this.text.length) throw this.error('unexpected text after the call');
  }

  private argument(): Argument {
    this.space();
    const rest = this.text.slice(this.at);
    if (rest.startsWith("'")) return { kind: 'literal', value: this.string() };
    if (rest.startsWith('States.')) return this.call();
    const number = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(rest);
    if (number) {
      this.at += number[0].length;
      return { kind: 'literal', value: Number(number[0]) };
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (new RegExp(`^${word}\\b`).test(rest)) {
        this.at += word.length;
        return { kind: 'literal', value };
      }
    }
    if (rest.startsWith('$')) return { kind: 'path', text: this.path() };
    throw this.error('expected an argument');
  }

  private string(): string {
    let value = '';
    this.at += 1;
    while (this.at < this.text.length) {
      const char = this.text[this.at] as string;
      if (char === '\\') {
        // \{ and \} stay escaped: States.Format reads them; other functions see the brace.
        const next = this.text[this.at + 1] ?? '';
        value += next === '{' || next === '}' ? `\\${next}` : next;
        this.at += 2;
      } else if (char === "'") {
        this.at += 1;
        return value;
      } else {
        value += char;
        this.at += 1;
      }
    }
    throw this.error('a string is never closed');
  }

  private path(): string {
    const start = this.at;
    let depth = 0;
    let quote: string | null = null;
    while (this.at < this.text.length) {
      const char = this.text[this.at] as string;
      if (quote) {
        if (char === quote) quote = null;
      } else if (char === "'" || char === '"') quote = char;
      else if (char === '[' || char === '(') depth += 1;
      else if (char === ']') depth -= 1;
      else if (char === ')') {
        if (depth === 0) break;
        depth -= 1;
      } else if ((char === ',' || /\s/.test(char)) && depth === 0) break;
      this.at += 1;
    }
    return this.text.slice(start, this.at);
  }

  private space(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at += 1;
  }

  private error(why: string): StatesError {
    return new StatesError(STATES.IntrinsicFailure, `${why} at position ${this.at} of ${this.text}`);
  }
}

function invoke(call: Call, scope: PathScope): JsonValue {
  const args = call.args.map((arg) => {
    if (arg.kind === 'literal') return arg.value;
    if (arg.kind === 'call') return invoke(arg, scope);
    const found = lookup(arg.text, scope);
    if (!found.found)
      throw new StatesError(
        STATES.Runtime,
        `The JSONPath ${arg.text} could not be found in the input (States.${call.name})`,
      );
    return found.value;
  });
  const fn = FUNCTIONS[call.name];
  if (!fn) throw new StatesError(STATES.IntrinsicFailure, `States.${call.name} is not an intrinsic function`);
  return fn(new Args(`States.${call.name}`, args), scope);
}

/** Typed access to the evaluated arguments, with AWS-style errors naming the function. */
class Args {
  constructor(
    readonly fn: string,
    readonly values: readonly JsonValue[],
  ) {}

  count(min: number, max = min): void {
    if (this.values.length < min || this.values.length > max) {
      const expected = min === max ? `${min}` : `${min} to ${max}`;
      throw this.fail(`expects ${expected} argument(s), got ${this.values.length}`);
    }
  }
  string(at: number): string {
    const value = this.values[at];
    if (typeof value !== 'string') throw this.fail(`argument ${at + 1} must be a string, got ${JSON.stringify(value)}`);
    return value;
  }
  integer(at: number): number {
    const value = this.values[at];
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw this.fail(`argument ${at + 1} must be an integer, got ${JSON.stringify(value)}`);
    return value;
  }
  number(at: number): number {
    const value = this.values[at];
    if (typeof value !== 'number') throw this.fail(`argument ${at + 1} must be a number, got ${JSON.stringify(value)}`);
    return value;
  }
  array(at: number): JsonValue[] {
    const value = this.values[at];
    if (!Array.isArray(value)) throw this.fail(`argument ${at + 1} must be an array, got ${JSON.stringify(value)}`);
    return value;
  }
  fail(why: string): StatesError {
    return new StatesError(STATES.IntrinsicFailure, `${this.fn}: ${why}`);
  }
}

const HASHES: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};
const BASE64_LIMIT = 10_000;
const RANGE_LIMIT = 1000;

const FUNCTIONS: Readonly<Record<string, (args: Args, scope: PathScope) => JsonValue>> = {
  Format(args) {
    if (args.values.length < 1) throw args.fail('expects a template');
    const template = args.string(0);
    const values = args.values.slice(1);
    let next = 0;
    const text = template.replace(/\\([{}])|\{\}/g, (whole, escaped: string | undefined) => {
      if (escaped) return escaped;
      if (next >= values.length) throw args.fail(`the template has more {} than the ${values.length} argument(s)`);
      return javaText(values[next++] as JsonValue);
    });
    if (next !== values.length) throw args.fail(`the template has ${next} {} for ${values.length} argument(s)`);
    return text;
  },
  StringToJson(args) {
    args.count(1);
    try {
      return JSON.parse(unescapeBraces(args.string(0))) as JsonValue;
    } catch (error) {
      throw args.fail(`not JSON: ${(error as Error).message}`);
    }
  },
  JsonToString(args) {
    args.count(1);
    return JSON.stringify(args.values[0]);
  },
  Array(args) {
    return args.values.map(unescapeValue);
  },
  ArrayPartition(args) {
    args.count(2);
    const array = args.array(0);
    const size = args.integer(1);
    if (size <= 0) throw args.fail('the chunk size must be greater than 0');
    const chunks: JsonValue[] = [];
    for (let at = 0; at < array.length; at += size) chunks.push(array.slice(at, at + size));
    return chunks;
  },
  ArrayContains(args) {
    args.count(2);
    return args.array(0).some((item) => jsonEquals(item, args.values[1] as JsonValue));
  },
  ArrayRange(args) {
    args.count(3);
    const [start, end, step] = [args.integer(0), args.integer(1), args.integer(2)];
    if (step === 0) throw args.fail('the step must not be 0');
    const range: number[] = [];
    for (let value = start; step > 0 ? value <= end : value >= end; value += step) {
      range.push(value);
      if (range.length > RANGE_LIMIT) throw args.fail(`the range has more than ${RANGE_LIMIT} items`);
    }
    return range;
  },
  ArrayGetItem(args) {
    args.count(2);
    const array = args.array(0);
    const index = args.integer(1);
    if (index < 0 || index >= array.length)
      throw args.fail(`index ${index} is out of bounds for an array of ${array.length}`);
    return array[index] as JsonValue;
  },
  ArrayLength(args) {
    args.count(1);
    return args.array(0).length;
  },
  ArrayUnique(args) {
    args.count(1);
    const unique: JsonValue[] = [];
    for (const item of args.array(0)) if (!unique.some((seen) => jsonEquals(seen, item))) unique.push(item);
    return unique;
  },
  Base64Encode(args) {
    args.count(1);
    const text = args.string(0);
    if (text.length > BASE64_LIMIT) throw args.fail(`the input exceeds ${BASE64_LIMIT} characters`);
    return Buffer.from(text, 'utf8').toString('base64');
  },
  Base64Decode(args) {
    args.count(1);
    const text = args.string(0);
    if (text.length > BASE64_LIMIT) throw args.fail(`the input exceeds ${BASE64_LIMIT} characters`);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw args.fail('the input is not base64');
    return Buffer.from(text, 'base64').toString('utf8');
  },
  Hash(args) {
    args.count(2);
    const algorithm = HASHES[args.string(1)];
    if (!algorithm)
      throw args.fail(`the algorithm must be one of ${Object.keys(HASHES).join(', ')}, got ${args.string(1)}`);
    return createHash(algorithm).update(args.string(0), 'utf8').digest('hex');
  },
  JsonMerge(args) {
    args.count(3);
    const [left, right, deep] = args.values;
    if (!isJsonObject(left) || !isJsonObject(right)) throw args.fail('both arguments to merge must be objects');
    // AWS supports the shallow mode only: the third argument must be false.
    if (deep !== false) throw args.fail('only the shallow merge is supported: the third argument must be false');
    return { ...left, ...right };
  },
  MathRandom(args, scope) {
    args.count(2, 3);
    const start = args.integer(0);
    const end = args.integer(1);
    const random = args.values.length === 3 ? seeded(args.integer(2)) : scope.random;
    return start + Math.floor(random() * (end - start));
  },
  MathAdd(args) {
    args.count(2);
    // Decimals are rounded as Java's Math.round does (half up), as LocalStack's implementation does after AWS.
    return Math.floor(args.number(0) + 0.5) + Math.floor(args.number(1) + 0.5);
  },
  StringSplit(args) {
    args.count(2);
    const text = args.string(0);
    const delimiters = new Set(args.string(1));
    const parts: string[] = [];
    let current = '';
    for (const char of text) {
      if (delimiters.has(char)) {
        if (current) parts.push(current);
        current = '';
      } else current += char;
    }
    if (current) parts.push(current);
    return parts;
  },
  UUID(args, scope) {
    args.count(0);
    return uuidFrom(scope.random);
  },
};

/**
 * How States.Format prints a value: as Java's toString would (Step Functions runs on the JVM), so objects print as
 * `{k=1}` and arrays as `[1, x]`, as LocalStack reproduces.
 */
function javaText(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(javaText).join(', ')}]`;
  if (isJsonObject(value))
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}=${javaText(item)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

function unescapeBraces(text: string): string {
  return text.replace(/\\([{}])/g, '$1');
}

function unescapeValue(value: JsonValue): JsonValue {
  return typeof value === 'string' ? unescapeBraces(value) : value;
}
