/**
 * When the dev loop restarts a child that exited on its own: exponential backoff from `initialDelayMs`, capped at
 * `maxDelayMs`, counted over the exits of the last `windowMs`, so a child that ran quietly for a while starts again
 * from the short delay. `crashLoopExits` exits inside the window make it a crash loop: reported as an error, and
 * retried at the capped delay for as long as it lasts (a fixed workflow, environment or LocalStack brings the child
 * back without restarting the dev loop; a save restarts it at once).
 */
export interface RestartPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly crashLoopExits: number;
  readonly windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  crashLoopExits: 5,
  windowMs: 60_000,
};

export interface RestartDecision {
  readonly delayMs: number;
  /** Exits inside the window, this one included. */
  readonly recentExits: number;
  readonly crashLoop: boolean;
}

/** `exitTimes` holds the child's exit times (ms), the latest one included; only those inside the window count. */
export function restartDecision(
  exitTimes: readonly number[],
  now: number,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): RestartDecision {
  const recentExits = Math.max(1, exitTimes.filter((time) => now - time <= policy.windowMs).length);
  const crashLoop = recentExits >= policy.crashLoopExits;
  const backoff = policy.initialDelayMs * 2 ** (recentExits - 1);
  return { delayMs: crashLoop ? policy.maxDelayMs : Math.min(backoff, policy.maxDelayMs), recentExits, crashLoop };
}
