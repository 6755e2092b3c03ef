import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { dirname, join } from 'node:path';
import type { Env } from '../aws/env.ts';
import { defaultLogger } from '../aws/logger.ts';
import type { ListenOptions, RunningServer } from '../server/serve-config.ts';
import { workerAppOptions } from '../server/workerd.ts';
import { bundleWorker, COMPATIBILITY_DATE, COMPATIBILITY_FLAGS } from './bundle.ts';
import { withParentBoundWorkerd } from './parent-bound-workerd.ts';
import { bindingsFromEnv } from './worker-bindings.ts';

/** miniflare is a dev dependency (it carries the workerd binary, ~100 MB): loaded only when asked for, with a clear error. */
async function loadMiniflare(): Promise<typeof import('miniflare')> {
  try {
    return await import('miniflare');
  } catch (error) {
    throw new Error(
      `--runtime workerd needs the miniflare package (npm install --save-dev miniflare@4.20260426.0): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * The server as a worker on a local workerd (through miniflare): bundled from `listen.buildDir` into a temporary
 * folder, with the caller's environment as its bindings. Settings are checked here first, so a bad variable fails the
 * start as on Node instead of every request.
 */
export async function startWorkerdServer(
  listen: ListenOptions,
  env: Env = globalThis.process.env,
): Promise<RunningServer> {
  const bindings = bindingsFromEnv(env);
  workerAppOptions(bindings, {});
  // Loading miniflare takes about as long as bundling: both at once.
  const loading = loadMiniflare();
  loading.catch(() => {});
  const outDir = await mkdtemp(join(tmpdir(), 'stepforge-workerd-'));
  try {
    const bundle = await bundleWorker({ buildDir: listen.buildDir, outDir });
    const { Miniflare } = await loading;
    const signalHandlers = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
    const miniflare = await withParentBoundWorkerd(outDir, async () => {
      const created = new Miniflare({
        modules: true,
        scriptPath: bundle.file,
        // Module paths are kept relative to this root; the default (the working directory) cannot reach a temp folder.
        modulesRoot: dirname(bundle.file),
        compatibilityDate: COMPATIBILITY_DATE,
        compatibilityFlags: [...COMPATIBILITY_FLAGS],
        bindings,
        host: listen.host,
        port: listen.port,
        // The worker's log lines (console.log on Cloudflare) go to stderr, as the Node server's do: stdout keeps
        // only the `stepforge server:` line.
        handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
          stdout.pipe(process.stderr, { end: false });
          stderr.pipe(process.stderr, { end: false });
        },
      });
      // miniflare answers SIGINT/SIGTERM itself with process.exit(130/143), before the caller's close could run; its
      // exit hook stays, so workerd still goes down with this process on any other exit.
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        for (const handler of process.listeners(signal)) if (!signalHandlers.has(handler)) process.off(signal, handler);
      }
      try {
        await created.ready;
        return created;
      } catch (error) {
        await created.dispose().catch(() => {});
        throw new Error(
          `cannot listen on ${listen.host}:${listen.port}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
    const ready = await miniflare.ready;
    const url = `http://${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${ready.port}`;
    defaultLogger()
      .child({ component: 'server' })
      .info('server listening', { url, runtime: 'workerd', bundleBytes: bundle.bytes });
    return {
      url,
      close: async () => {
        // Stops workerd; its open responses (event streams) end with it.
        await miniflare.dispose();
        await rm(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
}
