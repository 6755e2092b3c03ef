import { type HistoryEventLike, historySource, TERMINAL_EVENT_STATUS } from '../history/index.ts';
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

const POLL_PAGE_SIZE = 100;

/**
 * The events after `lastId`, oldest first, and the execution's final status if it has ended. Reads newest first and
 * stops at the first page that reaches `lastId`, so a poll of a long history costs one small page, not all of it.
 */
async function eventsAfter(
  sfn: SfnPort,
  executionArn: string,
  lastId: number,
): Promise<{ fresh: HistoryEventLike[]; terminal: string | undefined }> {
  const source = historySource(sfn, executionArn, true);
  const fresh: HistoryEventLike[] = [];
  let terminal: string | undefined;
  let nextToken: string | undefined;
  let first = true;
  do {
    const page = await source({ maxResults: POLL_PAGE_SIZE, ...(nextToken ? { nextToken } : {}) });
    if (first && page.items[0]?.type) terminal = TERMINAL_EVENT_STATUS[page.items[0].type];
    first = false;
    let reached = false;
    for (const event of page.items) {
      if (event.id <= lastId) {
        reached = true;
        break;
      }
      fresh.push(event);
    }
    nextToken = reached ? undefined : page.nextToken;
  } while (nextToken);
  return { fresh: fresh.reverse(), terminal };
}

/**
 * Yields each history event once, as it appears, then the final status. Polls the history: right away after new
 * events, otherwise with a delay that doubles up to `pollMs.max`, so an idle execution costs few calls.
 */
export async function* followHistory(options: FollowOptions): AsyncGenerator<FollowItem> {
  let lastId = options.afterEventId;
  let delay = options.pollMs.initial;
  while (!options.signal.aborted) {
    const { fresh, terminal } = await eventsAfter(options.sfn, options.executionArn, lastId);
    for (const event of fresh) {
      lastId = event.id;
      yield { kind: 'event', event };
    }
    if (terminal) {
      yield { kind: 'end', status: terminal };
      return;
    }
    if (fresh.length === 0) yield { kind: 'idle' };
    delay = fresh.length > 0 ? options.pollMs.initial : Math.min(delay * 2, options.pollMs.max);
    await options.clock.sleep(delay, options.signal);
  }
}
