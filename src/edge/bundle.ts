import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeBuildReader } from '../server/catalog/fs-build-reader.ts';
import { snapshotBuild } from '../server/catalog/index.ts';

/** The date whose workerd behaviour the worker is written for; the miniflare dev dependency's workerd supports it. */
export const COMPATIBILITY_DATE = '2026-04-26';
/**
 * `nodejs_compat`: a safety net for a dependency that names a node: module (the bundle has none today);
 * `enable_request_signal`: `request.signal` aborts when the client goes away, which the app passes to its Step
 * Functions calls, as on Node. (Event streams end on a client's going away without it: workerd cancels the stream.)
 */
export const COMPATIBILITY_FLAGS = ['nodejs_compat', 'enable_request_signal'] as const;

export const WORKER_FILE = 'worker.js';

// The sources in a checkout; the compiled module beside this one in the installed package (dist/ mirrors src/).
const WORKERD_SOURCE = fileURLToPath(new URL('../server/workerd.ts', import.meta.url));
const WORKERD_ENTRY = existsSync(WORKERD_SOURCE)
  ? WORKERD_SOURCE
  : fileURLToPath(new URL('../server/workerd.js', import.meta.url));

export interface WorkerBundle {
  /** The ES module to run: `<outDir>/worker.js`. */
  readonly file: string;
  readonly bytes: number;
  /** The build folder's files bundled in (deployment.json, ASL, schemas, diagrams), by path. */
  readonly buildFiles: readonly string[];
  /** The deployment's region, if deployment.json names one. */
  readonly region: string | undefined;
}

/**
 * Bundles the server as one ES module for workerd: src/server/workerd.ts with everything createApp imports, and the
 * files of `buildDir` the catalog reads, as a constant (a worker has no file system). The worker/browser conditions
 * pick the SDK's fetch-based build.
 */
export async function bundleWorker(options: {
  readonly buildDir: string;
  readonly outDir: string;
}): Promise<WorkerBundle> {
  const files = await snapshotBuild(nodeBuildReader(options.buildDir));
  if (files['deployment.json'] === undefined) {
    throw new Error(`--build: no deployment.json in ${options.buildDir} (run stepforge deploy first)`);
  }
  await mkdir(options.outDir, { recursive: true });
  const file = join(options.outDir, WORKER_FILE);
  const result = await build({
    stdin: {
      contents: `import { createWorker } from ${JSON.stringify(WORKERD_ENTRY)};\nexport default createWorker(${JSON.stringify(files)});\n`,
      resolveDir: options.outDir,
      sourcefile: 'stepforge-worker-entry.js',
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    // Provided by workerd under nodejs_compat / its own modules; bundling them would fail or duplicate them.
    external: ['node:*', 'cloudflare:*'],
    target: 'es2022',
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'silent',
    write: false,
  });
  const code = result.outputFiles[0]!.contents;
  await writeFile(file, code);
  const region = (JSON.parse(files['deployment.json']) as { region?: unknown }).region;
  return {
    file,
    bytes: code.byteLength,
    buildFiles: Object.keys(files).sort(),
    region: typeof region === 'string' ? region : undefined,
  };
}
