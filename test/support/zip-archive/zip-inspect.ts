import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';

/** One entry of a zip as a reader sees it, with its bytes (test archives are small). */
export interface InspectedEntry {
  readonly name: string;
  readonly method: number;
  readonly size: number;
  readonly crc32: number;
  /** The CRC of the bytes actually read, to compare with the one the zip declares. */
  readonly actualCrc32: number;
  readonly modified: Date;
  readonly content: Buffer;
}

/** Opens a zip with yauzl (central directory, every entry's data) the way an end user's unzip tool would. */
export function inspectZip(zip: Buffer): Promise<InspectedEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (error, zipfile) => {
      if (error || !zipfile) return reject(error ?? new Error('no zipfile'));
      const entries: InspectedEntry[] = [];
      zipfile.on('error', reject);
      zipfile.on('end', () => resolve(entries));
      zipfile.on('entry', (entry: yauzl.Entry) => {
        zipfile.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            const content = Buffer.concat(chunks);
            entries.push({
              name: entry.fileName,
              method: entry.compressionMethod,
              size: entry.uncompressedSize,
              crc32: entry.crc32,
              actualCrc32: crc32(content) >>> 0,
              modified: entry.getLastModDate({ timezone: 'UTC' }),
              content,
            });
            zipfile.readEntry();
          });
        });
      });
      zipfile.readEntry();
    });
  });
}

/** A zip entry's time: DOS times have a 2-second resolution and are written in UTC. */
export function dosTime(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 2000) * 2000);
}

/** Only the central directory's view (names, sizes, CRCs), for archives with too many entries to read one by one. */
export function listZipEntries(zip: Buffer): Promise<Array<{ name: string; size: number; crc32: number }>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: false }, (error, zipfile) => {
      if (error || !zipfile) return reject(error ?? new Error('no zipfile'));
      const entries: Array<{ name: string; size: number; crc32: number }> = [];
      zipfile.on('error', reject);
      zipfile.on('entry', (entry: yauzl.Entry) =>
        entries.push({ name: entry.fileName, size: entry.uncompressedSize, crc32: entry.crc32 }),
      );
      zipfile.on('end', () => resolve(entries));
    });
  });
}
