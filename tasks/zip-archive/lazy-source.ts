import { Readable } from 'node:stream';

/** Opens an entry's bytes; the signal is aborted when the entry is abandoned, so an in-flight request stops too. */
export type OpenSource = (signal: AbortSignal) => Promise<Readable>;

/** An entry's bytes ended early or ran long: the object changed after it was measured, or a transfer was cut. */
export class SourceLengthError extends Error {
  override readonly name = 'SourceLengthError';
  constructor(
    readonly expectedBytes: number,
    readonly receivedBytes: number,
  ) {
    super(`expected ${expectedBytes} bytes, received ${receivedBytes}`);
  }
}

/**
 * A Readable that opens its source only on the first read, so appending an entry to the zip costs nothing until the
 * zip reaches it. Destroying it destroys the opened body and aborts a pending open.
 */
export class LazySource extends Readable {
  private body: Readable | undefined;
  private opening = false;
  private receivedBytes = 0;
  private readonly openController = new AbortController();

  constructor(
    private readonly open: OpenSource,
    private readonly expectedBytes: number,
  ) {
    super({ highWaterMark: 64 * 1024 });
  }

  get isOpen(): boolean {
    return this.body !== undefined;
  }

  override _read(): void {
    if (this.body) {
      this.body.resume();
      return;
    }
    if (this.opening) return;
    this.opening = true;
    this.open(this.openController.signal).then(
      (body) => this.attach(body),
      (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  }

  private attach(body: Readable): void {
    // A reset connection can still raise 'error' on a body after it is destroyed: never let that crash the process.
    body.on('error', (error) => this.destroy(error));
    if (this.destroyed) {
      body.destroy();
      return;
    }
    this.body = body;
    body.on('data', (chunk: Buffer) => {
      this.receivedBytes += chunk.length;
      if (this.receivedBytes > this.expectedBytes) {
        this.destroy(new SourceLengthError(this.expectedBytes, this.receivedBytes));
        return;
      }
      if (!this.push(chunk)) body.pause();
    });
    body.once('end', () => {
      if (this.receivedBytes !== this.expectedBytes) this.destroy(new SourceLengthError(this.expectedBytes, this.receivedBytes));
      else this.push(null);
    });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.openController.abort(error ?? new Error('source closed'));
    this.body?.destroy();
    callback(error);
  }
}
