import type { InputReader } from '../../runtime/input-fields.ts';

/** The four fields of a day-file line, in the order they are written. */
export const LINE_FIELDS = ['timestamp', 'channel', 'endpoint', 'event'] as const;
export type LineField = (typeof LINE_FIELDS)[number];

export interface DailyMergeParams {
  /** Where the day files live. */
  readonly bucket: string;
  /** Day file key = keyPrefix + YYYYMMDD; default `events/prod/`. */
  readonly keyPrefix: string;
  /** For each line field, the dot path in the event it is read from (default: the same name). */
  readonly fields: Readonly<Record<LineField, string>>;
  /** Keep only events whose line field has one of these values (every rule must hold). */
  readonly keep: Readonly<Partial<Record<LineField, readonly string[]>>>;
  /** Drop events whose line field has one of these values. */
  readonly drop: Readonly<Partial<Record<LineField, readonly string[]>>>;
}

function isLineField(name: string): name is LineField {
  return (LINE_FIELDS as readonly string[]).includes(name);
}

function readRules(raw: Record<string, unknown>, field: 'keep' | 'drop', read: InputReader) {
  const value = read.optionalNested(raw, field);
  if (!value) return {};
  const rules: Partial<Record<LineField, readonly string[]>> = {};
  for (const name of Object.keys(value)) {
    if (!isLineField(name)) read.fail(`${field}.${name}`, `is not a line field (${LINE_FIELDS.join(', ')})`);
    rules[name] = read.at(field).optionalStringList(value, name) ?? [];
  }
  return rules;
}

export function parseDailyMergeParams(raw: Record<string, unknown>, read: InputReader): DailyMergeParams {
  const mapping = read.optionalNested(raw, 'fields') ?? {};
  const fields = {} as Record<LineField, string>;
  for (const name of Object.keys(mapping)) {
    if (!isLineField(name)) read.fail(`fields.${name}`, `is not a line field (${LINE_FIELDS.join(', ')})`);
  }
  for (const name of LINE_FIELDS) {
    fields[name] = read.at('fields').optionalString(mapping, name) ?? name;
  }
  return {
    bucket: read.string(raw, 'bucket'),
    keyPrefix: read.optionalString(raw, 'keyPrefix') ?? 'events/prod/',
    fields,
    keep: readRules(raw, 'keep', read),
    drop: readRules(raw, 'drop', read),
  };
}
