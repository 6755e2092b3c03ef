import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline, type Readable } from 'node:stream';

export interface StreamedResponse {
  readonly status: number;
  readonly statusText: string;
  /** The start of the response body, for error causes. */
  readonly text: string;
  /** The Location header, for redirects. */
  readonly location: string | undefined;
}

/** Response bytes kept for the error cause; the rest is read and dropped so the connection can be reused. */
const KEPT_RESPONSE_BYTES = 64 * 1024;

function readResponse(response: IncomingMessage): Promise<StreamedResponse> {
  return new Promise((resolve, reject) => {
    const kept: Buffer[] = [];
    let keptBytes = 0;
    response.on('data', (chunk: Buffer) => {
      if (keptBytes >= KEPT_RESPONSE_BYTES) return;
      kept.push(chunk);
      keptBytes += chunk.length;
    });
    response.on('error', reject);
    response.on('end', () =>
      resolve({
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? '',
        text: Buffer.concat(kept).toString('utf8'),
        location: response.headers.location,
      }),
    );
  });
}

/**
 * POSTs a stream with backpressure, so memory stays flat whatever the body's size. node:http rather than fetch:
 * it sends a given Content-Length with a streamed body on Node, Bun and Deno alike (Deno's fetch drops the header
 * and sends chunked, which some receivers refuse). A response that arrives before the body is fully sent (a 413,
 * a 401) is the answer, not a broken pipe. `signal` aborts the request and destroys the body.
 */
export function postStream(
  url: string,
  body: Readable,
  options: { headers: OutgoingHttpHeaders; signal: AbortSignal },
): Promise<StreamedResponse> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = send(target, { method: 'POST', headers: options.headers });
    const abort = (): void => {
      const reason: unknown = options.signal.reason;
      request.destroy(reason instanceof Error ? reason : new Error('the request was aborted'));
    };
    const settle = (finish: () => void): void => {
      options.signal.removeEventListener('abort', abort);
      finish();
    };
    request.on('response', (response) => {
      answered = true;
      readResponse(response).then(
        (read) => {
          // An answer before the whole body was sent is final: stop sending the rest.
          if (!request.writableFinished) {
            body.destroy();
            request.destroy();
          }
          settle(() => resolve(read));
        },
        (error: unknown) => settle(() => reject(error)),
      );
    });
    request.on('error', (error) => {
      body.destroy();
      if (!answered) settle(() => reject(error));
    });
    // The body's own failure (the S3 read broke off) comes first, before the request's "socket hang up" it causes.
    pipeline(body, request, (error) => {
      if (error && !answered) settle(() => reject(error));
    });
    if (options.signal.aborted) abort();
    else options.signal.addEventListener('abort', abort, { once: true });
  });
}
