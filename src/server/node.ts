// The Node entry point: node:fs for the build folder, @hono/node-server for HTTP. With catalog/fs-build-reader.ts the
// only file under src/server that may use node: modules. Run directly: node --import tsx src/server/node.ts [--port 8787] [--host 127.0.0.1] [--build build]
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Duplex } from 'node:stream';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { MAX_HEADER_BYTES } from './http/index.ts';
import { nodeBuildReader } from './catalog/fs-build-reader.ts';
import { appOptionsFromEnvironment, type ListenOptions, parseListenArgs, type RunningServer } from './serve-config.ts';

/**
 * Requests Node refuses before the app sees them (headers over its 16 KiB limit, malformed requests) get a
 * problem+json body like every other error, instead of Node's empty one.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, title, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          `headers: larger than the server accepts (${MAX_HEADER_BYTES / 1024} KiB in all)`,
        ]
      : [400, 'Bad Request', `request: not a valid HTTP request (${error.code ?? error.message})`];
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export async function startNodeServer(listen: ListenOptions): Promise<RunningServer> {
  const shutdown = new AbortController();
  const options = { ...appOptionsFromEnvironment(nodeBuildReader(listen.buildDir)), shutdownSignal: shutdown.signal };
  const app = createApp(options);
  const server = await new Promise<Server>((ready, fail) => {
    const created = serve({ fetch: app.fetch, port: listen.port, hostname: listen.host }, () =>
      ready(created as Server),
    );
    created.once('error', (error: NodeJS.ErrnoException) =>
      fail(new Error(`cannot listen on ${listen.host}:${listen.port}: ${error.code ?? error.message}`)),
    );
  });
  server.on('clientError', answerClientError);
  const { port } = server.address() as AddressInfo;
  const url = `http://${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${port}`;
  options.logger.info('server listening', { url, runtime: 'node' });
  return {
    url,
    close: () =>
      new Promise((done) => {
        shutdown.abort();
        server.close(() => done());
        // Idle keep-alive sockets would hold close() open; event streams end through the shutdown signal.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 500);
      }),
  };
}

/** Serves until SIGINT/SIGTERM. */
export function runUntilSignal(listen: ListenOptions): Promise<void> {
  return serveUntilSignal(() => startNodeServer(listen));
}

/** Starts a server, prints its URL, and closes it on SIGINT/SIGTERM (also for workerd, which this Node process runs). */
export async function serveUntilSignal(start: () => Promise<RunningServer>): Promise<void> {
  const running = await start();
  process.stdout.write(`stepforge server: ${running.url}\n`);
  // Handlers stay attached while closing: a repeated signal must not kill the process mid-shutdown (close is quick).
  await new Promise<void>((stop) => {
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await running.close();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runUntilSignal(parseListenArgs(process.argv.slice(2)));
}
