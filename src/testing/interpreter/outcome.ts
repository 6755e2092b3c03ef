// What running one state gives the loop: its output, and the state to go to (null: this thread of states ends).
import type { JsonObject, JsonValue } from '../json.ts';

export interface Outcome {
  readonly output: JsonValue;
  readonly next: string | null;
  /** A Catcher matched: the state failed but the run goes on at `next`. */
  readonly caught?: boolean;
}

/** `Next`, or null for a state with `End: true`. */
export function nextOf(state: JsonObject): string | null {
  return state.End === true || typeof state.Next !== 'string' ? null : state.Next;
}
