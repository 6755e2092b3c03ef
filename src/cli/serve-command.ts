import { defineCommand } from './command.ts';
import { UsageError } from './usage-error.ts';

/**
 * The HTTP server on the runtime this CLI runs on (Node here; `bun src/server/bun.ts` and
 * `deno run -A src/server/deno.ts` take the same options), or bundled as a worker on a local workerd.
 */
export default defineCommand({
  name: 'serve',
  summary: 'the HTTP server (API + UI) over the deployed workflows',
  options: {
    port: {
      type: 'integer',
      default: 8787,
      min: 0,
      max: 65535,
      description: 'the port to listen on (0: any free one)',
    },
    host: {
      type: 'string',
      default: '127.0.0.1',
      description: 'the address to bind; another one exposes the API (set STEPFORGE_API_TOKEN)',
    },
    build: {
      type: 'string',
      default: 'build',
      placeholder: 'dir',
      description: 'the build folder with deployment.json',
    },
    runtime: {
      type: 'string',
      placeholder: 'name',
      description: 'run the server bundled as a Cloudflare Worker on a local workerd (workerd); default: this runtime',
    },
  },
  async run({ options }) {
    const listen = { port: options.port, host: options.host, buildDir: options.build };
    const asked = options.runtime;
    if (asked !== undefined && asked !== 'workerd') throw new UsageError(`--runtime must be workerd, got "${asked}"`);
    if (asked === 'workerd') {
      const { startWorkerdServer } = await import('../edge/index.ts');
      const { serveUntilSignal } = await import('../server/node.ts');
      await serveUntilSignal(() => startWorkerdServer(listen));
      return 0;
    }
    const runtime = globalThis as { Bun?: unknown; Deno?: unknown };
    if (runtime.Bun) {
      const { startBunServer } = await import('../server/bun.ts');
      await startBunServer(listen);
      return new Promise<number>(() => {});
    }
    if (runtime.Deno) {
      const { startDenoServer } = await import('../server/deno.ts');
      await startDenoServer(listen);
      return new Promise<number>(() => {});
    }
    const { runUntilSignal } = await import('../server/node.ts');
    await runUntilSignal(listen);
    return 0;
  },
});
