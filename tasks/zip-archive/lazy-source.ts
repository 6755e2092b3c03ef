import { Readable } from 'node:stream';

/**
 * Opens an entry's bytes from byte `start` on (0 at first, more when resuming after a cut connection); the signal is
 * aborted when the entry is abandoned, so an in-flight request stops too.
 */
export type OpenSource = (signal: AbortSignal, start: number) => Promise<Readable>;

/** Cut connections resumed per entry before its error fails the archive. */
const MAX_RESUMES = 3;

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
  private resumes = 0;
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
    this.open(this.openController.signal, 0).then(
      (body) => this.attach(body),
      (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  }

  private attach(body: Readable): void {
    // Listening for the whole life of the body: a reset connection can raise 'error' even after it was destroyed.
    body.on('error', (error) => this.bodyFailed(body, error));
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
      if (this.receivedBytes !== this.expectedBytes)
        this.destroy(new SourceLengthError(this.expectedBytes, this.receivedBytes));
      else this.push(null);
    });
  }

  /**
   * A prefetched body waits, paused, while earlier entries stream; servers may cut such a connection. Resume from the
   * bytes already passed on (the opener pins the object version), a few times, before failing the archive.
   */
  private bodyFailed(body: Readable, error: Error): void {
    if (this.destroyed || body !== this.body) return;
    if (this.resumes >= MAX_RESUMES) {
      this.destroy(error);
      return;
    }
    this.resumes++;
    body.removeAllListeners('data');
    body.removeAllListeners('end');
    this.body = undefined;
    this.open(this.openController.signal, this.receivedBytes).then(
      (resumed) => this.attach(resumed),
      (openError: unknown) => this.destroy(openError instanceof Error ? openError : new Error(String(openError))),
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.openController.abort(error ?? new Error('source closed'));
    this.body?.destroy();
    callback(error);
  }
}
