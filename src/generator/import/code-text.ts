// Printing generated TypeScript: JSON-like values in which `RawCode` leaves are inserted verbatim. Objects and
// arrays go multi-line once they would make a long line, so the formatter only has to fix indentation.

/** A piece of TypeScript printed as-is (a reference, a helper call, a nested builder function). */
export class RawCode {
  constructor(readonly text: string) {}
}

export type CodeValue =
  | RawCode
  | string
  | number
  | boolean
  | null
  | readonly CodeValue[]
  | { readonly [key: string]: CodeValue };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const LINE_BUDGET = 100;

/** An object key as TypeScript writes it: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  // `__proto__: x` in a literal sets the prototype instead of a property; a computed key makes a property.
  if (key === '__proto__') return "['__proto__']";
  return IDENTIFIER.test(key) ? key : stringLiteral(key);
}

export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}

/** A single-quoted TypeScript string literal, as the project's code is written. */
export function stringLiteral(text: string): string {
  const escaped = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${escaped}'`;
}

/** A JSON primitive as TypeScript. */
export function primitiveCode(value: string | number | boolean | null): string {
  return typeof value === 'string' ? stringLiteral(value) : JSON.stringify(value);
}

function printInline(value: CodeValue): string {
  if (value instanceof RawCode) return value.text;
  if (value === null || typeof value !== 'object') return primitiveCode(value);
  if (Array.isArray(value)) return `[${value.map(printInline).join(', ')}]`;
  const entries = Object.entries(value as { readonly [key: string]: CodeValue });
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([key, entry]) => `${propertyKey(key)}: ${printInline(entry)}`).join(', ')} }`;
}

/** Prints a value; `indent` is the column it starts at, so nested lines line up before formatting. */
export function printCode(value: CodeValue, indent = ''): string {
  const inline = printInline(value);
  const multiline = inline.includes('\n');
  if (value instanceof RawCode || value === null || typeof value !== 'object') return inline;
  if (!multiline && inline.length + indent.length <= LINE_BUDGET) return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${printCode(item, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as { readonly [key: string]: CodeValue });
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, entry]) => `${inner}${propertyKey(key)}: ${printCode(entry, inner)},`).join('\n')}\n${indent}}`;
}
