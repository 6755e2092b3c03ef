/** Where a step ran: the chain of enclosing Map iterations and Parallel branches, outermost first. */
export type ScopeMarker =
  | { readonly state: string; readonly iteration: number }
  | { readonly state: string; readonly branch: number };

export interface FailedAttempt {
  readonly attempt: number;
  readonly error: string | null;
  readonly cause: string | null;
  readonly at: string | null;
}

/**
 * `running` while open; `succeeded`; `caught` when its last attempt failed but a Catch moved on; `failed`,
 * `aborted`, `timed_out` when the execution ended on it.
 */
export type StepStatus = 'running' | 'succeeded' | 'caught' | 'failed' | 'aborted' | 'timed_out';

/** One row of the `steps` view: one state entered, however many attempts it took. */
export interface StepRow {
  readonly name: string;
  readonly type: string;
  readonly status: StepStatus;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly durationMs: number | null;
  readonly input: unknown;
  readonly output: unknown;
  readonly error: string | null;
  readonly cause: string | null;
  readonly attempts: number;
  readonly failedAttempts: readonly FailedAttempt[];
  /** Innermost enclosing Map iteration index, when inside one. */
  readonly iteration?: number;
  /** Innermost enclosing Parallel branch index, when inside one. */
  readonly branch?: number;
  /** The Map or Parallel state that directly encloses this one. */
  readonly parent?: string;
  readonly scope: readonly ScopeMarker[];
  /** Id of the `...StateEntered` event, a stable key for the row. */
  readonly enteredEventId: number;
}
