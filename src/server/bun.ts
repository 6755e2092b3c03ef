// The Bun entry point: Bun.file for the build folder, Bun.serve for HTTP.
// Run: bun src/server/bun.ts [--port 8787] [--host 127.0.0.1] [--build build]
import { createApp } from './app.ts';
import type { BuildReader } from './catalog/index.ts';
import { appOptionsFromEnvironment, type ListenOptions, parseListenArgs, type RunningServer } from './serve-config.ts';

interface BunServer {
  readonly port: number;
  stop(closeActiveConnections?: boolean): Promise<void> | void;
}
interface BunGlobal {
  serve(options: {
    port: number;
    hostname: string;
    idleTimeout: number;
    fetch: (request: Request) => Response | Promise<Response>;
  }): BunServer;
  file(path: string): { exists(): Promise<boolean>; text(): Promise<string> };
  readonly argv: string[];
}
declare const Bun: BunGlobal;

function bunBuildReader(buildDir: string): BuildReader {
  return {
    async readText(relativePath) {
      const file = Bun.file(`${buildDir.replace(/\/$/, '')}/${relativePath}`);
      return (await file.exists()) ? file.text() : undefined;
    },
  };
}

export async function startBunServer(listen: ListenOptions): Promise<RunningServer> {
  const shutdown = new AbortController();
  const options = { ...appOptionsFromEnvironment(bunBuildReader(listen.buildDir)), shutdownSignal: shutdown.signal };
  const app = createApp(options);
  // Bun closes connections idle for 10 s by default; event streams idle longer between history events.
  const server = Bun.serve({ port: listen.port, hostname: listen.host, idleTimeout: 255, fetch: app.fetch });
  const url = `http://${listen.host}:${server.port}`;
  options.logger.info('server listening', { url, runtime: 'bun' });
  return {
    url,
    close: async () => {
      shutdown.abort();
      await server.stop(true);
    },
  };
}

if ((import.meta as ImportMeta & { main?: boolean }).main) {
  const running = await startBunServer(parseListenArgs(Bun.argv.slice(2)));
  console.log(`stepforge server: ${running.url}`);
  // A repeated signal while closing must not start a second close.
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void running.close().then(() => globalThis.process?.exit(0));
  };
  globalThis.process?.on('SIGINT', stop);
  globalThis.process?.on('SIGTERM', stop);
}
