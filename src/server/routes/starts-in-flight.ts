/** What a keyed start ended with: `created` tells the request that started the execution from one that found it. */
export interface Started {
  readonly executionArn: string;
  readonly name: string;
  readonly status: string;
  readonly startedAt: string | null;
  readonly created: boolean;
}

/**
 * Single flight for keyed starts in this process. Step Functions answers a repeated StartExecution of a running
 * execution (same name, same input) with the same ARN and start date, so concurrent POSTs with one Idempotency-Key
 * cannot tell from its answer which of them started it; here the first runs the start and the others wait for its
 * outcome and answer 200 (or fail as it did). Across processes, the lookup before the start and
 * ExecutionAlreadyExists after it still keep it to one execution.
 */
export interface StartsInFlight {
  /** Runs `start` unless a start of `key` is under way; then its outcome, as found (created: false). */
  run(key: string, input: string, start: () => Promise<Started>): Promise<Started | { readonly conflict: true }>;
}

export function createStartsInFlight(): StartsInFlight {
  const running = new Map<string, { readonly input: string; readonly outcome: Promise<Started> }>();
  return {
    async run(key, input, start) {
      const joined = running.get(key);
      if (joined) {
        if (joined.input !== input) return { conflict: true };
        return { ...(await joined.outcome), created: false };
      }
      const outcome = start();
      running.set(key, { input, outcome });
      try {
        return await outcome;
      } finally {
        running.delete(key);
      }
    },
  };
}
