import { defineCommand } from './command.ts';

/** The server as a Cloudflare Worker: `worker.js` with the build folder inside, and a `wrangler.toml` beside it. */
export default defineCommand({
  name: 'build-edge',
  summary: 'bundle the server as a Cloudflare Worker with a wrangler.toml (secrets listed, never written)',
  options: {
    build: {
      type: 'string',
      default: 'build',
      placeholder: 'dir',
      description: 'the build folder with deployment.json, bundled into the worker',
    },
    out: {
      type: 'string',
      default: 'dist/edge',
      placeholder: 'dir',
      description: 'where worker.js and wrangler.toml go',
    },
    name: { type: 'string', default: 'stepforge-server', description: 'the worker name in wrangler.toml' },
  },
  async run({ options }) {
    const { writeFile } = await import('node:fs/promises');
    const { join, relative } = await import('node:path');
    const { bundleWorker, wranglerToml } = await import('../edge/index.ts');
    const outDir = options.out;
    const bundle = await bundleWorker({ buildDir: options.build, outDir });
    await writeFile(join(outDir, 'wrangler.toml'), wranglerToml({ name: options.name, region: bundle.region }));
    const shown = relative(process.cwd(), bundle.file);
    process.stdout.write(
      `${shown.startsWith('..') ? bundle.file : shown}: ${(bundle.bytes / 1024).toFixed(0)} KiB, ${bundle.buildFiles.length} build files; deploy: cd ${outDir} && npx wrangler deploy\n`,
    );
    return 0;
  },
});
