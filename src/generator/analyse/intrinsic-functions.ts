/** The intrinsic functions of JSONPath states (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html). */
const FUNCTIONS = new Set([
  'Format',
  'StringToJson',
  'JsonToString',
  'Array',
  'ArrayPartition',
  'ArrayContains',
  'ArrayRange',
  'ArrayGetItem',
  'ArrayLength',
  'ArrayUnique',
  'Base64Encode',
  'Base64Decode',
  'Hash',
  'JsonMerge',
  'MathRandom',
  'MathAdd',
  'StringSplit',
  'UUID',
]);

/** In a quoted argument only these may follow a backslash. */
const ESCAPABLE = new Set(["'", '{', '}', '\\']);

class IntrinsicSyntaxError extends Error {}

/**
 * Checks the shape of an intrinsic call: known function, balanced parentheses, arguments that are quoted strings
 * (with legal escapes), numbers, booleans, null, paths or nested calls. Returns undefined when it is well-formed.
 */
export function intrinsicSyntaxError(source: string): string | undefined {
  let position = 0;
  const text = source.trim();
  const fail = (message: string): never => {
    throw new IntrinsicSyntaxError(`${message} at ${position}`);
  };
  const skipSpaces = () => {
    while (text[position] === ' ') position++;
  };
  const call = (): void => {
    const match = /^States\.([A-Za-z0-9]+)\(/.exec(text.slice(position));
    if (!match) fail('expected States.<Function>(');
    if (!FUNCTIONS.has(match![1]!)) fail(`unknown intrinsic function States.${match![1]}`);
    position += match![0].length;
    skipSpaces();
    if (text[position] === ')') {
      position++;
      return;
    }
    for (;;) {
      argument();
      skipSpaces();
      if (text[position] === ',') {
        position++;
        continue;
      }
      if (text[position] === ')') {
        position++;
        return;
      }
      fail('expected "," or ")"');
    }
  };
  const quoted = (): void => {
    position++;
    while (position < text.length && text[position] !== "'") {
      if (text[position] === '\\') {
        if (!ESCAPABLE.has(text[position + 1] ?? ''))
          fail(`illegal escape "\\${text[position + 1] ?? ''}" in a string argument`);
        position++;
      }
      position++;
    }
    if (text[position] !== "'") fail('unterminated string argument');
    position++;
  };
  const argument = (): void => {
    skipSpaces();
    const rest = text.slice(position);
    if (rest.startsWith("'")) {
      quoted();
      return;
    }
    if (rest.startsWith('States.')) {
      call();
      return;
    }
    const literal = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?=\s*[,)])/.exec(rest);
    if (literal) {
      position += literal[0].length;
      return;
    }
    if (rest.startsWith('$')) {
      // A path runs to the next top-level "," or ")"; brackets and quotes inside it are skipped over.
      let depth = 0;
      while (position < text.length) {
        const char = text[position]!;
        if (char === "'") {
          quoted();
          continue;
        }
        if (char === '[' || char === '(') depth++;
        else if (char === ']' || (char === ')' && depth > 0)) depth--;
        else if ((char === ',' || char === ')') && depth === 0) return;
        position++;
      }
      return;
    }
    fail('expected a string, number, boolean, null, path or intrinsic call');
  };
  try {
    call();
    skipSpaces();
    if (position !== text.length) fail('unexpected text after the call');
    return undefined;
  } catch (error) {
    if (error instanceof IntrinsicSyntaxError) return error.message;
    throw error;
  }
}
