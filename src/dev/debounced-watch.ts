import { type FSWatcher, watch } from 'node:fs';

/**
 * Calls `onSettled` once edits under `dir` have been quiet for `quietMs`: an editor's save is often several writes,
 * and a regenerate per write would deploy half-saved files.
 */
export function watchDebounced(dir: string, quietMs: number, onSettled: (files: string[]) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = new Set<string>();
  const watcher: FSWatcher = watch(dir, { recursive: true }, (_event, file) => {
    if (file) changed.add(String(file));
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed].sort();
      changed.clear();
      onSettled(files);
    }, quietMs);
  });
  return () => {
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}

/**
 * Runs `job` one at a time; a request while one runs schedules exactly one more run afterwards (the latest state is
 * all that matters), instead of queuing one per change.
 */
export function serialised(job: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  const loop = async (): Promise<void> => {
    do {
      again = false;
      await job();
    } while (again);
    running = undefined;
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = loop();
    return running;
  };
}
