/** A counting semaphore: the worker's N concurrent slots, shared by its dispatchers. */
export class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  get available(): number {
    return this.free;
  }

  get busy(): number {
    return this.size - this.free;
  }

  /** Resolves once a slot is taken; rejects when the signal aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  /** Takes up to `count` slots that are free right now, without waiting; returns how many were taken. */
  tryAcquire(count: number): number {
    const taken = Math.min(count, this.free);
    this.free -= taken;
    return taken;
  }

  release(count = 1): void {
    for (let index = 0; index < count; index++) {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }

  /** Resolves when every slot is free again (all in-flight work done). */
  async drained(pollMs = 50): Promise<void> {
    while (this.free < this.size) await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
