import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { bundleWorker, wranglerToml } from '../edge/index.ts';
import { parseArgs, rejectUnknownOptions, stringOption } from './args.ts';

/**
 * `stepforge build-edge [--build build] [--out dist/edge] [--name stepforge-server]`: the server as a Cloudflare
 * Worker, `worker.js` with the build folder inside and a `wrangler.toml` (secrets listed, never written) beside it.
 */
export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  rejectUnknownOptions(args, ['build', 'out', 'name']);
  const outDir = stringOption(args, 'out') ?? join('dist', 'edge');
  const bundle = await bundleWorker({ buildDir: stringOption(args, 'build') ?? 'build', outDir });
  await writeFile(
    join(outDir, 'wrangler.toml'),
    wranglerToml({ name: stringOption(args, 'name') ?? 'stepforge-server', region: bundle.region }),
  );
  const shown = relative(process.cwd(), bundle.file);
  process.stdout.write(
    `${shown.startsWith('..') ? bundle.file : shown}: ${(bundle.bytes / 1024).toFixed(0)} KiB, ${bundle.buildFiles.length} build files; deploy: cd ${outDir} && npx wrangler deploy\n`,
  );
  return 0;
}
