// The stepforge app on a real HTTP port (the browser needs one), over the test's LocalStack deployment.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type AppOptions, createApp } from '../../../src/server/index.ts';

export interface RunningConsole {
  readonly url: string;
  /** Paths and Last-Event-ID headers of the stream requests seen. */
  readonly streams: { path: string; lastEventId: string | null }[];
  /** Cuts the first stream of `execution` after `messages` events, as a dropped connection would. */
  dropFirstStream(execution: string, messages: number): void;
  close(): Promise<void>;
}

export async function startConsoleServer(options: AppOptions): Promise<RunningConsole> {
  const app = createApp(options);
  const streams: RunningConsole['streams'] = [];
  const drops = new Map<string, number>();
  const fetch = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const response = await app.fetch(request);
    if (!path.endsWith('/stream')) return response;
    streams.push({ path, lastEventId: request.headers.get('last-event-id') });
    const execution = decodeURIComponent(path.split('/').at(-2) ?? '');
    const cutAt = drops.get(execution);
    if (cutAt === undefined || !response.body) return response;
    drops.delete(execution);
    return new Response(cutAfter(response.body, cutAt), { status: response.status, headers: response.headers });
  };
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const created = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(created));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    streams,
    dropFirstStream: (execution, messages) => void drops.set(execution, messages),
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Passes `messages` SSE messages (blank-line separated) through, then errors the stream as a dropped socket would. */
function cutAfter(body: ReadableStream<Uint8Array>, messages: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let seen = 0;
  let buffer = '';
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Cut at the server's next idle `: waiting` comment (events in between are dropped unseen): by then the
      // messages passed on have reached the browser, as they would have before a real connection dropped.
      if (seen >= messages) {
        for (;;) {
          const { value, done } = await reader.read();
          if (done || decoder.decode(value, { stream: true }).includes(': waiting')) break;
        }
        await reader.cancel();
        return controller.error(new Error('connection dropped by the test'));
      }
      const { value, done } = await reader.read();
      if (done) return controller.close();
      buffer += decoder.decode(value, { stream: true });
      let boundary = buffer.indexOf('\n\n');
      while (boundary >= 0 && seen < messages) {
        const message = buffer.slice(0, boundary + 2);
        buffer = buffer.slice(boundary + 2);
        if (message.includes('data:')) seen += 1;
        controller.enqueue(encoder.encode(message));
        boundary = buffer.indexOf('\n\n');
      }
    },
    cancel: () => reader.cancel(),
  });
}
