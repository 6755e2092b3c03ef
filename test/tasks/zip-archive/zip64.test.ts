import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { createZipWriter, needsZip64, type ZipEntrySource } from '../../../tasks/zip-archive/index.ts';
import { crc32Combine, crc32OfRepeated } from '../../support/zip-archive/crc32-combine.ts';
import { listZipEntries } from '../../support/zip-archive/zip-inspect.ts';

const GiB = 1024 * 1024 * 1024;
const CHUNK = 1024 * 1024;

/** The bytes of entry `seed`: one 1 MiB pattern repeated, generated on demand, never stored. */
function patternChunk(seed: number): Buffer {
  const chunk = Buffer.alloc(CHUNK);
  for (let index = 0; index < CHUNK; index++) chunk[index] = (index * 31 + seed) & 0xff;
  return chunk;
}

function patternStream(seed: number, size: number): Readable {
  const chunk = patternChunk(seed);
  let left = size;
  return new Readable({
    read() {
      if (left === 0) return void this.push(null);
      const length = Math.min(left, CHUNK);
      left -= length;
      this.push(length === CHUNK ? chunk : chunk.subarray(0, length));
    },
  });
}

/** The CRC-32 of the bytes patternStream(seed, size) yields, computed directly over every byte. */
function patternCrc(seed: number, size: number): number {
  const chunk = patternChunk(seed);
  let crc = 0;
  for (let done = 0; done < size; done += CHUNK) crc = crc32(chunk.subarray(0, Math.min(CHUNK, size - done)), crc);
  return crc >>> 0;
}

/** Counts what the zip writes and keeps only its last bytes: enough for the central directory, never the 4 GiB. */
class TailSink extends Writable {
  bytes = 0;
  private tail = Buffer.alloc(0);
  constructor(private readonly keep: number) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.bytes += chunk.length;
    // Copies at most `keep` bytes per chunk: the 4 GiB pass through without being copied again.
    this.tail =
      chunk.length >= this.keep
        ? Buffer.from(chunk.subarray(chunk.length - this.keep))
        : Buffer.concat([this.tail.subarray(Math.max(0, this.tail.length - (this.keep - chunk.length))), chunk]);
    callback();
  }
  /** The byte at absolute offset `offset` onwards (it must be within the kept tail). */
  at(offset: number): Buffer {
    const start = offset - (this.bytes - this.tail.length);
    assert.ok(start >= 0, `offset ${offset} is before the kept tail`);
    return this.tail.subarray(start);
  }
}

interface CentralEntry {
  name: string;
  crc32: number;
  size: number;
  compressedSize: number;
  offset: number;
  zip64Extra: boolean;
}

/** Reads the zip64 end records and the central directory from the tail, as an unzip tool does. */
function readCentralDirectory(sink: TailSink): {
  entries: CentralEntry[];
  totalEntries: number;
  cdOffset: number;
  cdSize: number;
} {
  const eocd = sink.at(sink.bytes - 22);
  assert.equal(eocd.readUInt32LE(0), 0x06054b50, 'end of central directory signature');
  assert.equal(eocd.readUInt16LE(10), 0xffff, 'EOCD entry count defers to zip64');
  assert.equal(eocd.readUInt32LE(16), 0xffffffff, 'EOCD offset defers to zip64');
  const locator = sink.at(sink.bytes - 22 - 20);
  assert.equal(locator.readUInt32LE(0), 0x07064b50, 'zip64 end of central directory locator');
  const zip64EocdOffset = Number(locator.readBigUInt64LE(8));
  assert.equal(zip64EocdOffset, sink.bytes - 22 - 20 - 56);
  const zip64Eocd = sink.at(zip64EocdOffset);
  assert.equal(zip64Eocd.readUInt32LE(0), 0x06064b50, 'zip64 end of central directory record');
  const totalEntries = Number(zip64Eocd.readBigUInt64LE(32));
  const cdSize = Number(zip64Eocd.readBigUInt64LE(40));
  const cdOffset = Number(zip64Eocd.readBigUInt64LE(48));
  assert.equal(cdOffset + cdSize, zip64EocdOffset);
  const entries: CentralEntry[] = [];
  let cursor = sink.at(cdOffset).subarray(0, cdSize);
  while (cursor.length > 0) {
    assert.equal(cursor.readUInt32LE(0), 0x02014b50, 'central file header signature');
    const nameLength = cursor.readUInt16LE(28);
    const extraLength = cursor.readUInt16LE(30);
    const commentLength = cursor.readUInt16LE(32);
    const entry: CentralEntry = {
      name: cursor.subarray(46, 46 + nameLength).toString('utf8'),
      crc32: cursor.readUInt32LE(16),
      compressedSize: cursor.readUInt32LE(20),
      size: cursor.readUInt32LE(24),
      offset: cursor.readUInt32LE(42),
      zip64Extra: false,
    };
    const extra = cursor.subarray(46 + nameLength, 46 + nameLength + extraLength);
    for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
      if (extra.readUInt16LE(at) !== 0x0001) continue;
      // The zip64 field holds, in order, only the values whose 32-bit slots are 0xFFFFFFFF.
      let field = at + 4;
      entry.zip64Extra = true;
      if (entry.size === 0xffffffff) {
        entry.size = Number(extra.readBigUInt64LE(field));
        field += 8;
      }
      if (entry.compressedSize === 0xffffffff) {
        entry.compressedSize = Number(extra.readBigUInt64LE(field));
        field += 8;
      }
      if (entry.offset === 0xffffffff) entry.offset = Number(extra.readBigUInt64LE(field));
    }
    entries.push(entry);
    cursor = cursor.subarray(46 + nameLength + extraLength + commentLength);
  }
  return { entries, totalEntries, cdOffset, cdSize };
}

describe('zip-archive zip64', () => {
  it('the CRC oracle: combining block CRCs equals reading every byte, at sizes around the block', () => {
    // The 4 GiB entry's expected CRC is combined from one block's CRC instead of a second 4 GiB pass; this pins the
    // combination to a direct computation over the same pattern, for whole blocks, a cut last block and the sizes of
    // the big test's entries modulo the block.
    assert.equal(crc32Combine(crc32('hello '), crc32('world'), 5), crc32('hello world') >>> 0);
    for (const size of [0, 1, 1000, CHUNK - 1, CHUNK, CHUNK + 123, 5 * CHUNK, 7 * CHUNK + 123]) {
      for (const seed of [0, 1])
        assert.equal(crc32OfRepeated(patternChunk(seed), size), patternCrc(seed, size), `${size}`);
    }
  });

  it('streams over 4 GiB of entries (one entry over 4 GiB itself) with correct zip64 records', async () => {
    // An entry over 4 GiB (64-bit sizes), then one whose local header lies past 4 GiB (64-bit offset).
    const sizes = [4 * GiB + 123, 1000];
    const entries: ZipEntrySource[] = sizes.map((size, seed) => ({
      name: `part-${seed}.bin`,
      size,
      modified: new Date('2025-06-07T08:09:10Z'),
      open: async () => patternStream(seed, size),
    }));
    assert.equal(needsZip64(entries), true);
    const sink = new TailSink(64 * 1024);
    const writer = createZipWriter(entries);
    const drained = finished(writer.output.pipe(sink));
    const summary = await writer.done;
    await drained;
    assert.equal(summary.zip64, true);
    assert.equal(summary.bytes, sink.bytes);

    const directory = readCentralDirectory(sink);
    assert.equal(directory.totalEntries, 2);
    let expectedOffset = 0;
    for (const [seed, size] of sizes.entries()) {
      const entry = directory.entries[seed]!;
      assert.equal(entry.name, `part-${seed}.bin`);
      assert.equal(entry.size, size, `${entry.name} size`);
      assert.equal(entry.compressedSize, size, `${entry.name} is stored`);
      assert.equal(entry.offset, expectedOffset, `${entry.name} local header offset`);
      assert.equal(entry.crc32, crc32OfRepeated(patternChunk(seed), size), `${entry.name} CRC`);
      // Local header (30 + name), data, data descriptor (16, or 24 with 64-bit sizes for an entry over 4 GiB).
      expectedOffset += 30 + entry.name.length + size + (size > 0xffffffff ? 24 : 16);
    }
    assert.ok(directory.entries[0]!.zip64Extra && directory.entries[1]!.zip64Extra, 'zip64 extra fields present');
    assert.equal(directory.cdOffset, expectedOffset);
    assert.ok(sink.bytes > 4 * GiB);
  });

  it('writes zip64 records for more than 65,535 entries, and a reader sees every one', async () => {
    const count = 65_600;
    const entries: ZipEntrySource[] = Array.from({ length: count }, (_, index) => ({
      name: `n/${index}.txt`,
      size: String(index).length,
      modified: new Date('2025-01-01T00:00:00Z'),
      open: async () => Readable.from([Buffer.from(String(index))]),
    }));
    const chunks: Buffer[] = [];
    const writer = createZipWriter(entries);
    writer.output.on('data', (chunk: Buffer) => chunks.push(chunk));
    const summary = await writer.done;
    assert.equal(summary.zip64, true);
    const zip = Buffer.concat(chunks);
    const entriesRead = await listZipEntries(zip);
    assert.equal(entriesRead.length, count);
    assert.deepEqual(entriesRead[65_599], { name: 'n/65599.txt', size: 5, crc32: crc32('65599') >>> 0 });
    assert.ok(
      entriesRead.every((entry, index) => entry.crc32 === crc32(String(index)) >>> 0),
      'every CRC',
    );
  });

  it('stays a plain 32-bit zip when it is small', () => {
    assert.equal(needsZip64([{ name: 'a', size: 1000 }]), false);
    assert.equal(needsZip64([{ name: 'a', size: 4 * GiB - 2 * 1024 * 1024 * 1024 }]), false);
    assert.equal(needsZip64([{ name: 'a', size: 0xffffffff - 1024 }]), true);
  });
});
