import { defineCommand } from './command.ts';

/**
 * The HTTP server on the runtime this CLI runs on (Node here; `bun src/server/bun.ts` and
 * `deno run -A src/server/deno.ts` take the same options).
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
  },
  async run({ options }) {
    const listen = { port: options.port, host: options.host, buildDir: options.build };
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
