import { type HistoryEventLike, readWholeHistory, TERMINAL_EVENT_STATUS } from '../history/index.ts';
import type { Clock } from '../options.ts';
import type { SfnPort } from '../sfn/index.ts';

export interface FollowOptions {
  readonly sfn: SfnPort;
  readonly executionArn: string;
  readonly clock: Clock;
  /** Only events with a greater id are yielded (the SSE `Last-Event-ID`). */
  readonly afterEventId: number;
  readonly pollMs: { readonly initial: number; readonly max: number };
  readonly signal: AbortSignal;
}

export type FollowItem =
  | { readonly kind: 'event'; readonly event: HistoryEventLike }
  | { readonly kind: 'end'; readonly status: string }
  /** A poll found nothing new: lets the caller keep an idle connection visibly alive. */
  | { readonly kind: 'idle' };

/**
 * Yields each history event once, as it appears, then the final status. Polls the history: right away after new
 * events, otherwise with a delay that doubles up to `pollMs.max`, so an idle execution costs few calls.
 */
export async function* followHistory(options: FollowOptions): AsyncGenerator<FollowItem> {
  let lastId = options.afterEventId;
  let delay = options.pollMs.initial;
  while (!options.signal.aborted) {
    const events = await readWholeHistory(options.sfn, options.executionArn);
    let terminal: string | undefined;
    let fresh = 0;
    for (const event of events) {
      terminal ??= event.type ? TERMINAL_EVENT_STATUS[event.type] : undefined;
      if (event.id <= lastId) continue;
      fresh++;
      lastId = event.id;
      yield { kind: 'event', event };
    }
    if (terminal) {
      yield { kind: 'end', status: terminal };
      return;
    }
    if (fresh === 0) yield { kind: 'idle' };
    delay = fresh > 0 ? options.pollMs.initial : Math.min(delay * 2, options.pollMs.max);
    await options.clock.sleep(delay, options.signal);
  }
}
