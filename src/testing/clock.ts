// Time as a run sees it. The virtual clock (the default) makes Wait states, Retry intervals, task delays and
// timeouts take no real time: a sleeper resumes once everything else the run is doing has settled, with the clock
// moved forward to its wake-up time, earliest sleeper first. The real clock waits.

export interface Clock {
  now(): number;
  /** Resolves after `ms` (virtual or real); rejects with the signal's reason when the signal aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Keeps virtual time still until the returned release is called: for a mock doing real I/O (a task-container
   * fake, a LocalStack call), so that no timeout or heartbeat deadline of the run passes while it works.
   */
  hold(): () => void;
}

interface Timer {
  readonly at: number;
  readonly order: number;
  readonly resolve: () => void;
}

export class VirtualClock implements Clock {
  private time: number;
  private timers: Timer[] = [];
  private order = 0;
  private pumpScheduled = false;
  private holds = 0;

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = {
        at: this.time + Math.max(0, ms),
        order: this.order++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.timers = this.timers.filter((other) => other !== timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
      this.schedulePump();
    });
  }

  hold(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0 && this.timers.length > 0) this.schedulePump();
    };
  }

  // setImmediate runs after every pending promise job, so a timer fires only when the rest of the run is blocked
  // on time too (or on real I/O, which a virtual-time test should not mix in: see the README).
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      if (this.timers.length === 0 || this.holds > 0) return;
      this.timers.sort((left, right) => left.at - right.at || left.order - right.order);
      const next = this.timers.shift() as Timer;
      this.time = Math.max(this.time, next.at);
      next.resolve();
      if (this.timers.length > 0) this.schedulePump();
    });
  }
}

export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  hold(): () => void {
    return () => undefined;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(handle);
        reject(signal?.reason);
      };
      const handle = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
