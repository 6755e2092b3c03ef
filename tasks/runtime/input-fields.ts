import { invalidInput } from './task-error.ts';

/**
 * Field readers for task inputs: each throws `<Prefix>.InvalidInput` naming the field path (e.g. `action.name`) and
 * what was wrong, so a workflow author sees exactly which part of the payload to fix.
 */
export class InputReader {
  constructor(
    readonly errorPrefix: string,
    /** The field path errors start from (`action.params`), empty at the input's root. */
    readonly path = '',
  ) {}

  private name(field: string): string {
    return this.path ? `${this.path}.${field}` : field;
  }

  fail(field: string, problem: string): never {
    throw invalidInput(this.errorPrefix, this.name(field), problem);
  }

  /** The input itself must be a JSON object. */
  record(raw: unknown, what = 'input'): Record<string, unknown> {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw invalidInput(this.errorPrefix, this.path || what, `must be a JSON object, got ${describe(raw)}`);
    }
    return raw as Record<string, unknown>;
  }

  /** A reader whose errors name `<this path>.<field>.<inner>`. */
  at(field: string): InputReader {
    return new InputReader(this.errorPrefix, this.name(field));
  }

  /** A required nested object and the reader for its fields. */
  nested(raw: Record<string, unknown>, field: string): { reader: InputReader; value: Record<string, unknown> } {
    const reader = this.at(field);
    return { reader, value: reader.record(raw[field]) };
  }

  optionalNested(raw: Record<string, unknown>, field: string): Record<string, unknown> | undefined {
    if (raw[field] === undefined || raw[field] === null) return undefined;
    return this.nested(raw, field).value;
  }

  string(raw: Record<string, unknown>, field: string): string {
    const value = raw[field];
    if (value === undefined || value === null) this.fail(field, 'is required');
    if (typeof value !== 'string') this.fail(field, `must be a string, got ${describe(value)}`);
    if (value === '') this.fail(field, 'must not be empty');
    return value;
  }

  optionalString(raw: Record<string, unknown>, field: string): string | undefined {
    if (raw[field] === undefined || raw[field] === null) return undefined;
    const value = raw[field];
    if (typeof value !== 'string') this.fail(field, `must be a string, got ${describe(value)}`);
    return value;
  }

  optionalInteger(raw: Record<string, unknown>, field: string, min: number, max: number): number | undefined {
    const value = raw[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value))
      this.fail(field, `must be a whole number, got ${describe(value)}`);
    if (value < min || value > max) this.fail(field, `must be between ${min} and ${max}, got ${value}`);
    return value;
  }

  optionalBoolean(raw: Record<string, unknown>, field: string): boolean | undefined {
    const value = raw[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') this.fail(field, `must be true or false, got ${describe(value)}`);
    return value;
  }

  optionalStringList(raw: Record<string, unknown>, field: string): string[] | undefined {
    const value = raw[field];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) this.fail(field, `must be a list of strings, got ${describe(value)}`);
    return value.map((item, index) => {
      if (typeof item !== 'string') this.fail(`${field}[${index}]`, `must be a string, got ${describe(item)}`);
      return item;
    });
  }

  httpUrl(raw: Record<string, unknown>, field: string): string {
    const value = this.string(raw, field);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      this.fail(field, `is not a URL: "${value}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      this.fail(field, `must be an http(s) URL, got "${value}"`);
    return value;
  }
}

/** What a wrong value was, for error messages: its JSON type (and the value when short). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length <= 40 ? `the string "${value}"` : 'a string';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}
