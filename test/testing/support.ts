// Helpers for the runner's tests: a one-state machine, and the event types of a run.
import type { JsonObject } from '../../src/testing/json.ts';
import type { RunResult } from '../../src/testing/index.ts';

/** A machine whose states are given; StartAt is the first one. */
export function machine(states: Record<string, JsonObject>, head: JsonObject = {}): JsonObject {
  return { ...head, StartAt: Object.keys(states)[0] as string, States: states };
}

export function eventTypes(run: RunResult<unknown>): string[] {
  return run.events.map((event) => event.type);
}
