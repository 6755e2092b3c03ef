// Runs the threads of a Parallel state or a Map state side by side (at most `limit` at once; 0 means no limit),
// each in its own frame: a child variable scope, its own history thread, and a signal that aborts every thread
// still running when one fails (unless failures are tolerated) or when the execution ends.
import type { JsonValue } from '../json.ts';
import type { Frame } from './execution.ts';
import { threadKey } from './resume.ts';

export type ThreadResult =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly error: unknown };

export interface ConcurrentOptions {
  /** The Parallel or Map state whose threads these are (they are keyed by it for a redrive). */
  readonly stateName: string;
  readonly limit: number;
  /** Called as each thread ends; return false to abort the others (the first failure, by default). */
  readonly keepGoing?: (result: ThreadResult, index: number) => boolean;
}

export async function runConcurrently(
  count: number,
  parent: Frame,
  startEventId: number,
  options: ConcurrentOptions,
  body: (index: number, frame: Frame) => Promise<JsonValue>,
): Promise<ThreadResult[]> {
  const controller = new AbortController();
  const forward = (): void => controller.abort(parent.signal.reason);
  parent.signal.addEventListener('abort', forward, { once: true });
  const results: ThreadResult[] = new Array(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count && !controller.signal.aborted) {
      const index = next++;
      const frame: Frame = {
        execution: parent.execution,
        scope: parent.scope.child(),
        thread: { last: startEventId },
        key: threadKey(parent.key, options.stateName, index),
        language: parent.language,
        signal: controller.signal,
      };
      let result: ThreadResult;
      try {
        result = { ok: true, value: await body(index, frame) };
      } catch (error) {
        result = { ok: false, error };
      }
      results[index] = result;
      const keepGoing = options.keepGoing ? options.keepGoing(result, index) : result.ok;
      if (!keepGoing && !controller.signal.aborted) controller.abort(result.ok ? undefined : result.error);
    }
  };
  const width = options.limit > 0 ? Math.min(options.limit, count) : count;
  try {
    await Promise.all(Array.from({ length: width }, worker));
  } finally {
    parent.signal.removeEventListener('abort', forward);
  }
  return results;
}
