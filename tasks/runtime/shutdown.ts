import type { Logger } from '../../src/aws/index.ts';

export interface Shutdown {
  /** Aborted on the first SIGTERM/SIGINT (or `trigger()`): take no new work. */
  readonly stopTaking: AbortSignal;
  /** Aborted `graceSeconds` later, or at once on a second signal: abandon in-flight work. */
  readonly hardStop: AbortSignal;
  trigger(reason: string): void;
  /** Removes the signal handlers and the grace timer. */
  dispose(): void;
}

/** The two-stage stop every worker process shares: stop the intake, then after a grace period cut in-flight work. */
export function watchShutdown(graceSeconds: number, logger: Logger): Shutdown {
  const stopTaking = new AbortController();
  const hardStop = new AbortController();
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  const trigger = (reason: string) => {
    if (stopTaking.signal.aborted) {
      logger.warn('second stop signal: abandoning in-flight work now', { signal: reason });
      hardStop.abort(new Error('worker shut down'));
      return;
    }
    logger.info('stopping: no new work, in-flight work has the grace period', { signal: reason, graceSeconds });
    stopTaking.abort(new Error('worker stopping'));
    graceTimer = setTimeout(() => hardStop.abort(new Error('grace period over')), graceSeconds * 1000);
  };
  const onTerm = () => trigger('SIGTERM');
  const onInt = () => trigger('SIGINT');
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  return {
    stopTaking: stopTaking.signal,
    hardStop: hardStop.signal,
    trigger,
    dispose: () => {
      clearTimeout(graceTimer);
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
    },
  };
}
