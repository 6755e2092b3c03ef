// The run's history, shaped like GetExecutionHistory's events: sequential ids, previousEventId linking each event
// to the one it follows in its own thread (a Map iteration or Parallel branch has its own), a timestamp from the
// run's clock, and the `<type>EventDetails` object (`stateEnteredEventDetails` / `stateExitedEventDetails` for
// every state's Entered/Exited events), payloads as compact JSON text.
import { toJsonText, type JsonValue } from './json.ts';

export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: Date;
  readonly type: string;
  readonly [details: string]: unknown;
}

/** The last event of one thread of the run; the next event in that thread points back to it. */
export interface Thread {
  last: number;
}

export class History {
  readonly events: HistoryEvent[] = [];

  constructor(private readonly now: () => number) {}

  add(thread: Thread, type: string, details?: Record<string, unknown>): number {
    const id = this.events.length + 1;
    const event: HistoryEvent = {
      id,
      previousEventId: thread.last,
      timestamp: new Date(this.now()),
      type,
      ...(details !== undefined && { [detailsKey(type)]: details }),
    };
    this.events.push(event);
    thread.last = id;
    return id;
  }
}

/**
 * Starts an execution's history: ExecutionStarted, or (a redrive) the events it had then ExecutionRedriven. The
 * first state's event follows: previousEventId 0 after ExecutionStarted, as in Step Functions' histories.
 */
export function beginExecution(
  history: History,
  thread: Thread,
  started: Record<string, unknown>,
  redriven?: { readonly events: readonly HistoryEvent[]; readonly redriveCount: number },
): void {
  if (redriven) {
    history.events.push(...redriven.events);
    thread.last = history.events.length;
    history.add(thread, 'ExecutionRedriven', { redriveCount: redriven.redriveCount });
    return;
  }
  history.add(thread, 'ExecutionStarted', started);
  thread.last = 0;
}

export function detailsKey(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

/** A payload field as Step Functions writes it: the JSON text and whether it was truncated (never, here). */
export function payload(name: 'input' | 'output', value: JsonValue): Record<string, unknown> {
  return { [name]: toJsonText(value), [`${name}Details`]: { truncated: false } };
}
