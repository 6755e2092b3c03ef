// The Deno entry point: Deno.readTextFile for the build folder, Deno.serve for HTTP.
// Run: deno run -A src/server/deno.ts [--port 8787] [--host 127.0.0.1] [--build build]
import { createApp } from './app.ts';
import type { BuildReader } from './catalog/index.ts';
import { appOptionsFromEnvironment, type ListenOptions, parseListenArgs, type RunningServer } from './serve-config.ts';

interface DenoServer {
  readonly addr: { readonly port: number };
  shutdown(): Promise<void>;
}
interface DenoGlobal {
  serve(
    options: { port: number; hostname: string; onListen?: () => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): DenoServer;
  readTextFile(path: string): Promise<string>;
  addSignalListener(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
  exit(code: number): never;
  readonly args: string[];
  readonly errors: { readonly NotFound: new () => Error };
}
declare const Deno: DenoGlobal;

function denoBuildReader(buildDir: string): BuildReader {
  return {
    async readText(relativePath) {
      try {
        return await Deno.readTextFile(`${buildDir.replace(/\/$/, '')}/${relativePath}`);
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return undefined;
        throw error;
      }
    },
  };
}

export async function startDenoServer(listen: ListenOptions): Promise<RunningServer> {
  const shutdown = new AbortController();
  const options = { ...appOptionsFromEnvironment(denoBuildReader(listen.buildDir)), shutdownSignal: shutdown.signal };
  const app = createApp(options);
  const server = Deno.serve({ port: listen.port, hostname: listen.host, onListen: () => {} }, app.fetch);
  const url = `http://${listen.host}:${server.addr.port}`;
  options.logger.info('server listening', { url, runtime: 'deno' });
  return {
    url,
    close: () => {
      // Deno's shutdown waits for open responses: end the event streams first.
      shutdown.abort();
      return server.shutdown();
    },
  };
}

if ((import.meta as ImportMeta & { main?: boolean }).main) {
  const running = await startDenoServer(parseListenArgs(Deno.args));
  console.log(`stepforge server: ${running.url}`);
  // A repeated signal while closing must not start a second close.
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void running.close().then(() => Deno.exit(0));
  };
  Deno.addSignalListener('SIGINT', stop);
  Deno.addSignalListener('SIGTERM', stop);
}
