// A receiver for http-post tests that checks a streamed multipart upload without holding it: the file's bytes are
// hashed as they arrive, and deterministic objects are made as they are read.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

export const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

/** Deterministic bytes, each 64 KiB chunk different, made as they are read (the test never holds the object). */
export function deterministicObject(size: number): { stream: () => Readable; sha256: string } {
  const chunk = (index: number): Buffer => {
    const seed = createHash('sha256').update(`chunk ${index}`).digest();
    return Buffer.concat(Array.from({ length: CHUNK / seed.length }, () => seed));
  };
  const hash = createHash('sha256');
  for (let index = 0; index * CHUNK < size; index++)
    hash.update(chunk(index).subarray(0, Math.min(CHUNK, size - index * CHUNK)));
  const stream = () =>
    Readable.from(
      (function* () {
        for (let index = 0; index * CHUNK < size; index++)
          yield chunk(index).subarray(0, Math.min(CHUNK, size - index * CHUNK));
      })(),
    );
  return { stream, sha256: hash.digest('hex') };
}

export interface StreamedUpload {
  readonly contentLength: string | undefined;
  readonly transferEncoding: string | undefined;
  readonly received: number;
  readonly head: string;
  readonly fileSha256: string;
  readonly fileBytes: number;
  readonly tailOk: boolean;
}

/**
 * Parses the multipart body as it streams, holding only the part headers and the closing boundary: the file's bytes
 * are hashed and dropped, so the receiver's memory does not grow with the file either.
 */
export function readStreamedForm(request: IncomingMessage): Promise<StreamedUpload> {
  const boundary = /boundary=(.+)$/.exec(request.headers['content-type'] ?? '')?.[1] ?? '';
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  let inFile = false;
  let held = Buffer.alloc(0);
  let received = 0;
  let fileBytes = 0;
  return new Promise((resolve, reject) => {
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      let data = chunk;
      if (!inFile) {
        head = Buffer.concat([head, data]);
        const fileHeader = head.indexOf('filename=');
        const end = fileHeader < 0 ? -1 : head.indexOf('\r\n\r\n', fileHeader);
        if (end < 0) return;
        inFile = true;
        data = head.subarray(end + 4);
        head = head.subarray(0, end + 4);
      }
      // Only the last tail-length bytes are held back (copied); the rest is hashed where it lies.
      const pending = data.length >= tail.length ? [held, data] : [Buffer.concat([held, data])];
      const total = held.length + data.length;
      let toHash = Math.max(0, total - tail.length);
      fileBytes += toHash;
      const keep: Buffer[] = [];
      for (const piece of pending) {
        const hashed = Math.min(piece.length, toHash);
        hash.update(piece.subarray(0, hashed));
        toHash -= hashed;
        keep.push(piece.subarray(hashed));
      }
      held = Buffer.from(Buffer.concat(keep));
    });
    request.on('error', reject);
    request.on('end', () =>
      resolve({
        contentLength: request.headers['content-length'],
        transferEncoding: request.headers['transfer-encoding'],
        received,
        head: head.toString('utf8'),
        fileSha256: hash.digest('hex'),
        fileBytes,
        tailOk: held.equals(tail),
      }),
    );
  });
}

export async function streamingReceiver() {
  const uploads: StreamedUpload[] = [];
  /** Uploads the sender broke off before the end. */
  let broken = 0;
  const server = createServer(async (request, response) => {
    try {
      uploads.push(await readStreamedForm(request));
    } catch {
      broken++;
      return;
    }
    response.writeHead(200).end('stored');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/import`,
    uploads,
    broken: () => broken,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
