import { PassThrough, type Readable, Transform, type TransformCallback } from 'node:stream';
import archiver from 'archiver';
import { LazySource, type OpenSource } from './lazy-source.ts';

/** One file of the archive, described before any of its bytes are read. */
export interface ZipEntrySource {
  readonly name: string;
  readonly size: number;
  readonly modified: Date;
  readonly open: OpenSource;
  /** Turns a failure while reading this entry into the error the caller should see (e.g. one naming the source). */
  readonly explainError?: (error: Error) => Error;
}

export interface ZipWriterOptions {
  /** 0-9 deflates every entry at that level; undefined stores them, as the archiver did for media. */
  readonly compressionLevel?: number;
  /** At most this many entries are open at once: the one being written and the ones prefetched behind it. */
  readonly prefetchEntries?: number;
  /** Entries behind the current one are prefetched only while their sizes add up to at most this. */
  readonly prefetchBytes?: number;
  /** Called as each entry has been written completely. */
  readonly onEntryWritten?: (name: string) => void;
}

export interface ZipSummary {
  /** Bytes of the whole zip, as written to `output`. */
  readonly bytes: number;
  readonly fileCount: number;
  readonly zip64: boolean;
}

export interface ZipWriter {
  /** The zip bytes; destroyed with the error if the zip fails, so a consumer never mistakes a cut zip for a whole one. */
  readonly output: Readable;
  readonly done: Promise<ZipSummary>;
  /** Stops the zip: no more entries are opened and the open ones are destroyed. */
  abort(reason: Error): void;
}

const ZIP32_LIMIT = 0xffff_ffff;
const ZIP32_MAX_ENTRIES = 0xffff;
/** Local header + data descriptor + central header, without the name, with room for extra fields. */
const PER_ENTRY_OVERHEAD = 30 + 24 + 46 + 28;

/**
 * zip64 records are written only when a 32-bit zip could overflow: too many entries, or sizes (with headers and a
 * margin for deflate's worst-case growth) that reach 4 GiB. Small archives stay readable by old unzip tools.
 */
export function needsZip64(entries: readonly Pick<ZipEntrySource, 'name' | 'size'>[]): boolean {
  if (entries.length > ZIP32_MAX_ENTRIES) return true;
  let estimate = 1024 * 1024;
  for (const entry of entries) estimate += entry.size * 1.01 + PER_ENTRY_OVERHEAD + 2 * Buffer.byteLength(entry.name);
  return estimate >= ZIP32_LIMIT;
}

class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}

/**
 * Streams the entries into one zip. Entries are appended to archiver only as earlier ones finish (archiver starts
 * reading a stream the moment it is appended), so at most `prefetchEntries` sources are open, whatever the count.
 */
export function createZipWriter(entries: readonly ZipEntrySource[], options: ZipWriterOptions = {}): ZipWriter {
  const prefetchEntries = Math.max(1, options.prefetchEntries ?? 4);
  const prefetchBytes = options.prefetchBytes ?? 32 * 1024 * 1024;
  const zip64 = needsZip64(entries);
  const store = options.compressionLevel === undefined;
  const archive = archiver('zip', { zlib: { level: options.compressionLevel ?? 0 }, forceZip64: zip64 });
  const counter = new ByteCounter();
  const output = new PassThrough({ highWaterMark: 1024 * 1024 });
  const open = new Map<number, LazySource>();
  let nextIndex = 0;
  let writtenCount = 0;
  let failure: Error | undefined;
  let resolveDone!: (summary: ZipSummary) => void;
  let rejectDone!: (error: Error) => void;
  const done = new Promise<ZipSummary>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });

  const fail = (error: Error): void => {
    if (failure) return;
    failure = error;
    // The output goes first and with the error: ending it normally would look like a complete (but cut) zip.
    output.destroy(error);
    archive.unpipe(counter);
    archive.abort();
    for (const source of open.values()) source.destroy();
    open.clear();
    rejectDone(error);
  };

  const queuedBytes = (): number => {
    let bytes = 0;
    let first = true;
    for (const index of open.keys()) {
      if (!first) bytes += entries[index]!.size;
      first = false;
    }
    return bytes;
  };

  const appendMore = (): void => {
    while (!failure && nextIndex < entries.length && open.size < prefetchEntries) {
      if (open.size > 0 && queuedBytes() + entries[nextIndex]!.size > prefetchBytes) break;
      const index = nextIndex++;
      const entry = entries[index]!;
      const source = new LazySource(entry.open, entry.size);
      source.once('error', (error) => fail(entry.explainError ? entry.explainError(error) : error));
      open.set(index, source);
      archive.append(source, { name: entry.name, date: entry.modified, store });
    }
  };

  const finalize = (): void => {
    // Failures arrive through the 'error' listener; the promise would only repeat them as an unhandled rejection.
    archive.finalize().catch(() => {});
  };

  archive.on('entry', () => {
    const [index] = open.keys();
    if (index !== undefined) open.delete(index);
    writtenCount++;
    options.onEntryWritten?.(entries[writtenCount - 1]!.name);
    if (writtenCount === entries.length) finalize();
    else appendMore();
  });
  archive.on('warning', (error: Error) => fail(error));
  archive.on('error', (error: Error) => fail(error));
  counter.on('error', (error: Error) => fail(error));
  output.on('error', () => {
    // Reported through `done`; the listener keeps a destroyed output from crashing the process.
  });
  counter.on('finish', () => {
    if (!failure)
      resolveDone({ bytes: counter.bytes, fileCount: entries.length, zip64: zip64 || counter.bytes > ZIP32_LIMIT });
  });
  archive.pipe(counter).pipe(output);
  appendMore();
  if (entries.length === 0) finalize();

  return { output, done, abort: fail };
}
