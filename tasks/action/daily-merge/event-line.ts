import { type DailyMergeParams, LINE_FIELDS, type LineField } from './params.ts';

/** What one message turned into: a line for a day file, an event the filters dropped, or a reason it is invalid. */
export type EventLineResult =
  | { readonly kind: 'line'; readonly day: string; readonly line: string }
  | { readonly kind: 'filtered'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The event a body carries: an SNS envelope's `Message` (a JSON string), or the body itself. */
function unwrapEvent(body: string): Record<string, unknown> | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return `body is not JSON: ${(error as Error).message}`;
  }
  if (
    isRecord(parsed) &&
    typeof parsed.Message === 'string' &&
    (parsed.Type === 'Notification' || 'TopicArn' in parsed)
  ) {
    try {
      parsed = JSON.parse(parsed.Message);
    } catch (error) {
      return `SNS Message is not JSON: ${(error as Error).message}`;
    }
  }
  return isRecord(parsed) ? parsed : 'event must be a JSON object';
}

function readPath(event: Record<string, unknown>, path: string): unknown {
  let value: unknown = event;
  for (const part of path.split('.')) {
    if (!isRecord(value)) return undefined;
    value = value[part];
  }
  return value;
}

/**
 * The event's own date (UTC), YYYYMMDD, from its timestamp: an ISO-8601 string, or epoch seconds / milliseconds.
 * Undefined when it is neither.
 */
export function eventDay(timestamp: unknown): string | undefined {
  let millis: number;
  if (typeof timestamp === 'number' && Number.isFinite(timestamp)) {
    millis = Math.abs(timestamp) < 1e11 ? timestamp * 1000 : timestamp;
  } else if (typeof timestamp === 'string' && /^\d{4}-\d{2}-\d{2}/.test(timestamp)) {
    millis = Date.parse(timestamp);
  } else {
    return undefined;
  }
  if (Number.isNaN(millis)) return undefined;
  const date = new Date(millis);
  if (Number.isNaN(date.getTime())) return undefined;
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

function asRuleValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/** One message to one line `{"timestamp","channel","endpoint","event"}`, mapped and filtered by the params. */
export function toEventLine(body: string, params: DailyMergeParams): EventLineResult {
  const event = unwrapEvent(body);
  if (typeof event === 'string') return { kind: 'invalid', reason: event };
  const values = {} as Record<LineField, unknown>;
  for (const field of LINE_FIELDS) values[field] = readPath(event, params.fields[field]) ?? null;
  const day = eventDay(values.timestamp);
  if (day === undefined) {
    return {
      kind: 'invalid',
      reason: `${params.fields.timestamp}: not an ISO-8601 or epoch timestamp (${JSON.stringify(values.timestamp)})`,
    };
  }
  for (const field of LINE_FIELDS) {
    const value = asRuleValue(values[field]);
    const keep = params.keep[field];
    if (keep && !keep.includes(value)) return { kind: 'filtered', reason: `${field} "${value}" is not kept` };
    if (params.drop[field]?.includes(value)) return { kind: 'filtered', reason: `${field} "${value}" is dropped` };
  }
  const line = JSON.stringify({
    timestamp: values.timestamp,
    channel: values.channel,
    endpoint: values.endpoint,
    event: values.event,
  });
  return { kind: 'line', day, line };
}
