import type { Logger } from '../aws/index.ts';
import type { BuildReader } from './catalog/index.ts';
import type { SfnPort, UpstreamDeadlines } from './sfn/index.ts';

/** Time as the app sees it: injected so tests of polling and caching need no real waiting. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** Step Functions' own limit on execution input (256 KiB); a larger body could never start. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export interface AppOptions {
  readonly sfn: SfnPort;
  /** The build folder: deployment.json, asl/, schema/, diagrams/. */
  readonly build: BuildReader;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** `STEPFORGE_API_TOKEN`: when set, mutating routes need `Authorization: Bearer <token>`. */
  readonly apiToken?: string;
  /** Shown by `/health`; the AWS endpoint the SFN port talks to (undefined = AWS). */
  readonly endpoint?: string;
  readonly maxBodyBytes?: number;
  /** Aborted when the server shuts down: open event streams end instead of holding the shutdown open. */
  readonly shutdownSignal?: AbortSignal;
  /** SSE polling of the history: first delay after an idle poll, doubling up to the maximum. */
  readonly streamPollMs?: { readonly initial: number; readonly max: number };
  /** How long a Step Functions call may take before the route answers 504 (default 10 s for reads, 15 s to start or stop). */
  readonly upstreamTimeoutMs?: Partial<UpstreamDeadlines>;
  /** How long POST .../stop waits for ABORTED before answering 409 with the state the execution is in (default 5 s). */
  readonly stopSettleMs?: number;
  /** Origins besides the server's own whose browsers may start and stop executions (`STEPFORGE_ALLOWED_ORIGINS`). */
  readonly allowedOrigins?: readonly string[];
  /** Key for signing cursors; default a random key per app, so cursors are good for as long as the process runs. */
  readonly cursorSecret?: string;
}
