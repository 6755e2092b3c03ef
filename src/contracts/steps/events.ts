/**
 * The slice of a Step Functions history event the server reads. Shaped like the SDK's `HistoryEvent` but with the
 * timestamp as Date or string, so events recorded to JSON fold the same way as events fresh from the SDK.
 */
export interface HistoryEventLike {
  readonly id: number;
  readonly previousEventId?: number;
  readonly timestamp?: Date | string | number;
  readonly type?: string;
  readonly [details: string]: unknown;
}

/**
 * An event's `...EventDetails` field is named after its type (`TaskFailed` -> `taskFailedEventDetails`), except that
 * every `<Type>StateEntered`/`Exited` shares `stateEnteredEventDetails`/`stateExitedEventDetails`.
 */
export function detailsOf(event: HistoryEventLike): Record<string, unknown> {
  const type = event.type ?? '';
  const key = type.endsWith('StateEntered')
    ? 'stateEnteredEventDetails'
    : type.endsWith('StateExited')
      ? 'stateExitedEventDetails'
      : `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
  const details = event[key];
  return typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : {};
}

export function isoTime(timestamp: HistoryEventLike['timestamp']): string | null {
  if (timestamp === undefined) return null;
  const date = timestamp instanceof Date ? timestamp : new Date(timestamp);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Step Functions carries payloads as JSON strings; callers want the value, or the raw text if it is not JSON. */
export function parsePayload(text: unknown): unknown {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Event types that end an execution, with the status Step Functions reports for it. */
export const TERMINAL_EVENT_STATUS: Readonly<Record<string, string>> = {
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
};
