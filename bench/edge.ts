/**
 * The server as a Cloudflare Worker: the bundle's size (raw and gzip, as `stepforge build-edge` writes it) and the
 * cold start, from process start to the first answer of `GET /workflows`, against the Node server in the same run.
 *
 *   node --import tsx bench/edge.ts [--runs 5]
 *
 * Four ways to start, interleaved run by run: `stepforge serve` (Node), `stepforge serve --runtime workerd` (the
 * CLI bundles the worker, then miniflare starts workerd), the prebuilt bundle on miniflare in a fresh Node process (no
 * bundling, no CLI), and workerd alone (miniflare already loaded in this process: from starting the workerd process
 * to its first answer, the nearest a local run gets to a deployed worker's cold start). The first answer needs no AWS
 * call, so no LocalStack is needed; each server gets a closed endpoint. Prints medians and the ratios to Node;
 * nothing is asserted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { COMPATIBILITY_DATE, COMPATIBILITY_FLAGS, bundleWorker } from '../src/edge/index.ts';
import { freePort } from '../test/support/free-port.ts';
import { writeBuildDir } from '../test/support/server/served-process.ts';
import { median, numberOption } from './support.ts';

const root = new URL('..', import.meta.url).pathname;
const runs = numberOption('runs', 5);
const env = {
  ...process.env,
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

const build = writeBuildDir({
  'deployment.json': JSON.stringify({
    region: 'us-east-1',
    workflows: {
      bench: {
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:bench',
        asl: 'asl/bench.asl.json',
        tasks: [],
      },
    },
  }),
  'asl/bench.asl.json': JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }),
});
const out = writeBuildDir({});

/** Milliseconds from spawning `command` to its first 200 on `GET /workflows` at `port`. */
async function coldStart(command: string[], port: number): Promise<number> {
  const begin = performance.now();
  const child: ChildProcess = spawn(command[0]!, command.slice(1), { cwd: root, env, stdio: 'ignore' });
  try {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited with ${child.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/workflows`)).status === 200) return performance.now() - begin;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${command.join(' ')}: no answer within 60 s`);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

try {
  const bundle = await bundleWorker({ buildDir: build.dir, outDir: out.dir });
  const code = readFileSync(bundle.file);
  const cli = [process.execPath, join(root, 'bin/stepforge.mjs'), 'serve', '--build', build.dir];
  const prebuilt = (port: number) => [
    process.execPath,
    '--input-type=module',
    '-e',
    `import { Miniflare } from 'miniflare';
     const miniflare = new Miniflare(${JSON.stringify({
       modules: true,
       scriptPath: bundle.file,
       modulesRoot: out.dir,
       compatibilityDate: COMPATIBILITY_DATE,
       compatibilityFlags: COMPATIBILITY_FLAGS,
       bindings: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' },
       host: '127.0.0.1',
       port,
     })});
     await miniflare.ready;
     process.on('SIGTERM', () => miniflare.dispose().then(() => process.exit(0)));`,
  ];
  const { Miniflare } = await import('miniflare');
  const workerdAlone = async () => {
    const begin = performance.now();
    const miniflare = new Miniflare({
      modules: true,
      scriptPath: bundle.file,
      modulesRoot: out.dir,
      compatibilityDate: COMPATIBILITY_DATE,
      compatibilityFlags: [...COMPATIBILITY_FLAGS],
      bindings: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' },
      host: '127.0.0.1',
      port: 0,
    });
    try {
      const response = await fetch(new URL('/workflows', await miniflare.ready));
      if (response.status !== 200) throw new Error(`workerd answered ${response.status}`);
      return performance.now() - begin;
    } finally {
      await miniflare.dispose();
    }
  };
  const times: Record<'node' | 'workerd' | 'prebuilt' | 'workerdAlone', number[]> = {
    node: [],
    workerd: [],
    prebuilt: [],
    workerdAlone: [],
  };
  for (let run = 0; run < runs; run++) {
    let port = await freePort();
    times.node.push(await coldStart([...cli, '--port', String(port)], port));
    port = await freePort();
    times.workerd.push(await coldStart([...cli, '--runtime', 'workerd', '--port', String(port)], port));
    port = await freePort();
    times.prebuilt.push(await coldStart(prebuilt(port), port));
    times.workerdAlone.push(await workerdAlone());
  }
  const node = median(times.node);
  const report = {
    bundleBytes: code.byteLength,
    bundleGzipBytes: gzipSync(code).byteLength,
    runs,
    coldStartMs: {
      node: Math.round(node),
      serveWorkerd: Math.round(median(times.workerd)),
      prebuiltOnMiniflare: Math.round(median(times.prebuilt)),
      workerdAlone: Math.round(median(times.workerdAlone)),
    },
    ratioToNode: {
      serveWorkerd: Number((median(times.workerd) / node).toFixed(2)),
      prebuiltOnMiniflare: Number((median(times.prebuilt) / node).toFixed(2)),
      workerdAlone: Number((median(times.workerdAlone) / node).toFixed(2)),
    },
    allMs: Object.fromEntries(Object.entries(times).map(([name, values]) => [name, values.map(Math.round)])),
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  build.remove();
  out.remove();
}
