import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Clock } from '../options.ts';
import type { SfnPort } from '../sfn/index.ts';
import { followHistory } from './follow-history.ts';

export interface StreamHistoryOptions {
  readonly sfn: SfnPort;
  readonly executionArn: string;
  readonly clock: Clock;
  /** Only events with a greater id are sent (the SSE `Last-Event-ID`). */
  readonly afterEventId: number;
  readonly pollMs: { readonly initial: number; readonly max: number };
  /** The server shutting down: open streams end instead of holding the shutdown open. */
  readonly shutdownSignal: AbortSignal | undefined;
  readonly onError: (error: unknown) => void;
}

/**
 * The history as Server-Sent Events through Hono's `streamSSE` (the same on Node, Bun, Deno and workerd): one message
 * per event (`id:` = event id, so EventSource resumes with Last-Event-ID), `event: end` with the final status, a
 * `: waiting` comment while nothing happens. A failure is sent as `event: error` with `{"detail"}` before the stream
 * ends (caught here rather than by streamSSE's onError, which would send the bare message as well).
 */
export function streamHistory(c: Context, options: StreamHistoryOptions): Response {
  return streamSSE(c, async (stream) => {
    const stop = new AbortController();
    stream.onAbort(() => stop.abort());
    const onShutdown = () => stop.abort();
    options.shutdownSignal?.addEventListener('abort', onShutdown, { once: true });
    if (options.shutdownSignal?.aborted) stop.abort();
    try {
      for await (const item of followHistory({ ...options, signal: stop.signal })) {
        if (item.kind === 'event')
          await stream.writeSSE({ id: String(item.event.id), data: JSON.stringify(item.event) });
        else if (item.kind === 'end')
          await stream.writeSSE({ event: 'end', data: JSON.stringify({ status: item.status }) });
        else await stream.write(': waiting\n\n');
      }
    } catch (error) {
      // Ended by the client going away or by shutdown: not a failure to report.
      if (stop.signal.aborted || c.req.raw.signal.aborted) return;
      options.onError(error);
      await stream.writeSSE({
        event: 'error',
        data: JSON.stringify({ detail: error instanceof Error ? error.message : String(error) }),
      });
    } finally {
      options.shutdownSignal?.removeEventListener('abort', onShutdown);
    }
  });
}
