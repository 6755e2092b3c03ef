// The published build: every public entry and the CLI compiled to ESM with declarations and source maps, one output
// file per source module (unbundled), so `dist/` mirrors `src/` (`tasks/` in `dist/tasks`) and the files found next to a module
// at run time (LocalStack's lock and hooks) sit where the module expects them.
import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'dsl/index': 'src/dsl/index.ts',
    'aws/index': 'src/aws/index.ts',
    'server/index': 'src/server/index.ts',
    'server/node': 'src/server/node.ts',
    'server/bun': 'src/server/bun.ts',
    'server/deno': 'src/server/deno.ts',
    'tasks-entry': 'src/tasks-entry.ts',
    'testing/index': 'src/testing/index.ts',
    'testing/task-containers/index': 'src/testing/task-containers/index.ts',
    'server/workerd': 'src/server/workerd.ts',
    'cli/main': 'src/cli/main.ts',
  },
  // miniflare (workerd for `serve --runtime workerd`) is an optional peer: its 20 MB stay out of the package and
  // out of every install that does not serve on workerd; the command names the version to add when it is missing.
  // hyparquet (the runner's ItemReader InputType PARQUET) is an optional peer for the same reason: loaded on first use.
  external: ['miniflare', 'hyparquet'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  unbundle: true,
  fixedExtension: false,
  dts: true,
  sourcemap: true,
  clean: true,
  outDir: 'dist',
  // The dts plugin is most of the build's time by design; rolldown's note about it is noise in `npm pack`.
  inputOptions: { checks: { pluginTimings: false } },
  copy: [
    { from: 'src/localstack/requirements.lock', to: 'dist/localstack' },
    { from: 'src/localstack/stepforge_localstack_hooks.py', to: 'dist/localstack' },
    { from: 'src/localstack/write-jsonpath-tables.py', to: 'dist/localstack' },
  ],
});
