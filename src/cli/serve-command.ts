import { type ListenOptions, listenOptions } from '../server/serve-config.ts';
import { parseArgs, rejectUnknownOptions, stringOption } from './args.ts';
import { UsageError } from './usage-error.ts';

/**
 * `stepforge serve [--port 8787] [--host 127.0.0.1] [--build build] [--runtime workerd]`: the HTTP server on the runtime
 * this CLI runs on (Node here; `bun src/server/bun.ts` and `deno run -A src/server/deno.ts` take the same options), or
 * bundled as a worker on a local workerd.
 */
export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  rejectUnknownOptions(args, ['port', 'host', 'build', 'runtime']);
  let listen: ListenOptions;
  try {
    listen = listenOptions({
      port: stringOption(args, 'port'),
      host: stringOption(args, 'host'),
      build: stringOption(args, 'build'),
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const asked = stringOption(args, 'runtime');
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
}
