import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Readable } from 'node:stream';
import { LazySource } from '../../../tasks/zip-archive/lazy-source.ts';

const content = Buffer.from('0123456789abcdefghij');

/** A body that passes on `cutAfter` bytes from `start`, then fails like a reset connection. */
function body(start: number, cutAfter: number | undefined): Readable {
  const part = content.subarray(start, cutAfter === undefined ? undefined : start + cutAfter);
  let sent = false;
  return new Readable({
    read() {
      if (sent) return;
      sent = true;
      this.push(part);
      if (cutAfter === undefined) this.push(null);
      else setImmediate(() => this.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
    },
  });
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('zip-archive lazy source', () => {
  it('opens nothing until read, then resumes a cut connection from the bytes already passed on', async () => {
    const starts: number[] = [];
    const source = new LazySource(async (_signal, start) => {
      starts.push(start);
      return body(start, starts.length < 3 ? 7 : undefined);
    }, content.length);
    assert.deepEqual(starts, []);
    assert.equal((await collect(source)).toString(), content.toString());
    assert.deepEqual(starts, [0, 7, 14]);
  });

  it('gives up after three resumes with the connection error', async () => {
    let opens = 0;
    const source = new LazySource(async (_signal, start) => {
      opens++;
      return body(start, 1);
    }, content.length);
    await assert.rejects(collect(source), /aborted/);
    assert.equal(opens, 4);
  });
});
