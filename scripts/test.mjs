#!/usr/bin/env node
// `npm test`: every test file under test/, tasks/ and src/ with Node's test runner, against a LocalStack that this
// script starts when none answers (and stops afterwards), so the suite runs the same on a laptop and in CI.
// `npm run test:unit` (`--unit`): only the tests that need no LocalStack, none started: a file that needs one is named
// `*.localstack.test.ts` or lives in a folder of INTEGRATION_FOLDERS. Unit runs point AWS_ENDPOINT_URL at a closed
// port and STEPFORGE_STATE_DIR at an empty folder, so a unit test that reaches for either fails at once.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { register } from 'tsx/esm/api';

// Node 20 runs no TypeScript by itself: tsx's loader lets this script ask LocalStack through the project's one probe.
register();
const { missingServices, probeEndpoint, STARTED_SERVICES } = await import('../src/localstack/health.ts');

const root = new URL('..', import.meta.url).pathname;
const endpoint = process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566';

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (/\.test\.ts$/.test(entry)) found.push(relative(root, path));
  }
  return found;
}

async function healthy() {
  const state = await probeEndpoint(endpoint);
  if (state.kind !== 'localstack') return false;
  // A LocalStack started by hand may lack what `stepforge localstack start` provides; say so before tests fail.
  const missing = missingServices(state.health, STARTED_SERVICES);
  if (missing.length) {
    process.stderr.write(
      `warning: the LocalStack at ${endpoint} runs without ${missing.join(', ')}; Step Functions service integrations need sts (stepforge localstack start provides it)\n`,
    );
  }
  return true;
}

/** Folders whose tests all run real outside tools against a LocalStack of their own (the Serverless Framework). */
const INTEGRATION_FOLDERS = ['test/serverless/'];

function needsLocalStack(file) {
  return file.endsWith('.localstack.test.ts') || INTEGRATION_FOLDERS.some((folder) => file.startsWith(folder));
}

function stepforge(...args) {
  return spawnSync(process.execPath, [join(root, 'bin/stepforge.mjs'), ...args], { stdio: 'inherit', cwd: root });
}

const unitOnly = process.argv.includes('--unit');
const filter = process.argv.slice(2).filter((arg) => arg !== '--unit');
const found = (filter.length ? filter : ['test', 'tasks', 'src'].flatMap((dir) => findTests(join(root, dir)))).sort();
const files = unitOnly ? found.filter((file) => !needsLocalStack(file)) : found;

// Stop exactly what this run started, on the port it started it on, however the run ends.
const port = new URL(endpoint).port || '4566';
let startedLocalStack = false;
const stopStarted = () => {
  if (!startedLocalStack) return;
  startedLocalStack = false;
  stepforge('localstack', 'stop', '--port', port);
};
if (!unitOnly && !(await healthy())) {
  const result = stepforge('localstack', 'start', '--port', port);
  if (result.status !== 0) process.exit(result.status ?? 1);
  startedLocalStack = true;
}
const emptyStateDir = unitOnly ? mkdtempSync(join(tmpdir(), 'stepforge-unit-')) : undefined;

/**
 * Unit files run a shard per core, each shard one process importing its files, instead of a process per file: most
 * of a unit file's cost was starting Node, tsx and its imports again (about 0.9 CPU-s a file, ~70 files). Tests of a
 * shard still run one after another; files are dealt to shards largest first to even them out.
 */
function unitShards(unitFiles, dir) {
  const shards = Array.from({ length: Math.max(1, availableParallelism()) }, () => ({ weight: 0, files: [] }));
  const bySize = [...unitFiles].sort(
    (left, right) => statSync(join(root, right)).size - statSync(join(root, left)).size,
  );
  for (const file of bySize) {
    const lightest = shards.reduce((best, shard) => (shard.weight < best.weight ? shard : best));
    lightest.files.push(file);
    lightest.weight += statSync(join(root, file)).size;
  }
  return shards
    .filter((shard) => shard.files.length)
    .map((shard, index) => {
      const entry = join(dir, `unit-shard-${index + 1}.mjs`);
      writeFileSync(entry, shard.files.map((file) => `import ${JSON.stringify(join(root, file))};\n`).join(''));
      return entry;
    });
}
const testFiles = emptyStateDir ? unitShards(files, emptyStateDir) : files;

const env = {
  ...process.env,
  // Port 9 (discard) is closed here: a unit test that calls AWS fails with ECONNREFUSED instead of waiting.
  AWS_ENDPOINT_URL: unitOnly ? 'http://127.0.0.1:9' : endpoint,
  ...(emptyStateDir ? { STEPFORGE_STATE_DIR: emptyStateDir } : {}),
  AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED:
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ?? 'true',
  AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'test',
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
};
// --conditions=stepforge-source: `stepforge` imported by name (a test's fixture project) resolves to the sources,
// as bin/stepforge.mjs does in a checkout, not to dist/.
// --test-force-exit: a file whose tests are done must not hang the suite on a handle it leaked (CI has a time limit);
// leaks are still fixed where found (e.g. test/support/zip-archive/localstack.ts).
const child = spawn(
  process.execPath,
  [
    '--conditions=stepforge-source',
    '--import',
    'tsx',
    '--test',
    '--test-force-exit',
    '--test-reporter=spec',
    ...testFiles,
  ],
  {
    stdio: 'inherit',
    cwd: root,
    env,
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    child.kill(signal);
    stopStarted();
    process.exit(130);
  });
}
const code = await new Promise((resolve) => child.on('exit', (status) => resolve(status ?? 1)));
stopStarted();
if (emptyStateDir) rmSync(emptyStateDir, { recursive: true, force: true });
process.exit(code);
