// `stepforge build-edge` and the worker it writes, without LocalStack: the bundle is one self-contained ES module
// (no node: imports, the build files inside), wrangler.toml keeps secrets out, the worker reads its bindings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { mainInProcess } from '../support/cli/main-in-process.ts';
import { startWorkerdServer } from '../../src/edge/index.ts';
import { memoryBuildReader, snapshotBuild } from '../../src/server/catalog/index.ts';
import type { Worker } from '../../src/server/workerd.ts';
import { createWorker, workerAppOptions } from '../../src/server/workerd.ts';
import { isAlive, serveProcess, writeBuildDir } from '../support/server/served-process.ts';
import { freePort } from '../support/free-port.ts';

const ARN = 'arn:aws:states:eu-west-1:000000000000:stateMachine:orders';
const FILES = {
  'deployment.json': JSON.stringify({
    region: 'eu-west-1',
    workflows: {
      orders: { stateMachineArn: ARN, asl: 'asl/orders.asl.json', diagram: 'diagrams/orders.mmd', tasks: [] },
    },
  }),
  'asl/orders.asl.json': JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }),
  'diagrams/orders.mmd': 'flowchart TD\n  A\n',
  'serverless-localstack.yml': 'not read by the server\n',
};

let build: ReturnType<typeof writeBuildDir>;
let out: ReturnType<typeof writeBuildDir>;
before(() => {
  build = writeBuildDir(FILES);
  out = writeBuildDir({});
});
after(() => {
  build.remove();
  out.remove();
});

describe('build-edge', () => {
  let bundle: string;
  let toml: string;
  before(async () => {
    const secret = process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = 'must-never-be-written';
    try {
      assert.equal(
        (await mainInProcess(['build-edge', '--build', build.dir, '--out', out.dir, '--name', 'orders-api'])).code,
        0,
      );
    } finally {
      if (secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = secret;
    }
    bundle = readFileSync(join(out.dir, 'worker.js'), 'utf8');
    toml = readFileSync(join(out.dir, 'wrangler.toml'), 'utf8');
  });

  test('the bundle imports no Node module and carries the files the catalog reads, nothing else', () => {
    assert.doesNotMatch(bundle, /["']node:[a-z_/]+["']/);
    assert.doesNotMatch(bundle, /\brequire\(/);
    assert.ok(bundle.includes(ARN) && bundle.includes('flowchart TD'));
    assert.ok(!bundle.includes('not read by the server'));
  });

  test('wrangler.toml: the bundle as it is, nodejs_compat, the region as a var, secrets named but not written', () => {
    assert.match(toml, /^name = "orders-api"$/m);
    assert.match(toml, /^main = "worker.js"$/m);
    assert.match(toml, /^no_bundle = true$/m);
    assert.match(toml, /^compatibility_flags = \[.*"nodejs_compat".*\]$/m);
    assert.match(toml, /^AWS_REGION = "eu-west-1"$/m);
    for (const name of ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'STEPFORGE_API_TOKEN'])
      assert.match(toml, new RegExp(`^#   npx wrangler secret put ${name}$`, 'm'));
    assert.ok(!toml.includes('must-never-be-written') && !bundle.includes('must-never-be-written'));
  });

  test('the written module is a worker: its fetch answers from the bundled files and its bindings', async () => {
    const worker = (await import(pathToFileURL(join(out.dir, 'worker.js')).href)).default as Worker;
    const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_REGION: 'eu-west-1' };
    const listed = await worker.fetch(new Request('http://worker/workflows'), env);
    assert.equal(listed.status, 200);
    assert.deepEqual(
      ((await listed.json()) as { workflows: { stateMachineArn: string }[] }).workflows.map((w) => w.stateMachineArn),
      [ARN],
    );
    const details = (await (await worker.fetch(new Request('http://worker/workflows/orders'), env)).json()) as {
      diagram: string;
    };
    assert.equal(details.diagram, FILES['diagrams/orders.mmd']);
  });

  test('a binding at fault: every request is a 500 problem naming it, without its value; fixed, the worker serves', async () => {
    const worker = createWorker(FILES);
    const secret = 'https://s3cr3t.example.com:notaport';
    const broken = await worker.fetch(new Request('http://worker/workflows'), { AWS_ENDPOINT_URL: secret });
    assert.equal(broken.status, 500);
    assert.equal(broken.headers.get('content-type'), 'application/problem+json');
    const { detail } = (await broken.json()) as { detail: string };
    assert.match(detail, /^AWS_ENDPOINT_URL: /);
    assert.ok(!detail.includes('s3cr3t'));
    const fixed = await worker.fetch(new Request('http://worker/workflows'), {
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    });
    assert.equal(fixed.status, 200);
  });

  test('without deployment.json: an error naming --build and the folder', async () => {
    const failed = await mainInProcess(['build-edge', '--build', out.dir, '--out', join(out.dir, 'x')]);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /--build: no deployment.json/);
  });
});

describe('the worker settings', () => {
  test('credentials come from the bindings: required off a local endpoint, the test pair on LocalStack', async () => {
    assert.throws(() => workerAppOptions({ AWS_REGION: 'eu-west-1' }, {}), /AWS_ACCESS_KEY_ID: is required/);
    assert.throws(
      () => workerAppOptions({ AWS_ACCESS_KEY_ID: 'a', AWS_ENDPOINT_URL: 'https://sfn.example.com' }, {}),
      /AWS_SECRET_ACCESS_KEY: is required/,
    );
    const local = workerAppOptions({ AWS_ENDPOINT_URL: 'http://localhost:4566/' }, {});
    assert.equal(local.endpoint, 'http://localhost:4566');
  });

  test('the same variables as on Node, with the same errors naming them', () => {
    const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', STEPFORGE_API_TOKEN: 't', STEPFORGE_CURSOR_SECRET: 'k' };
    const options = workerAppOptions({ ...env, STEPFORGE_SFN_READ_TIMEOUT_MS: '2500' }, {});
    assert.deepEqual([options.apiToken, options.cursorSecret, options.upstreamTimeoutMs], ['t', 'k', { readMs: 2500 }]);
    assert.throws(
      () => workerAppOptions({ ...env, STEPFORGE_SFN_READ_TIMEOUT_MS: 'soon' }, {}),
      /STEPFORGE_SFN_READ_TIMEOUT_MS/,
    );
    assert.throws(() => workerAppOptions({ ...env, AWS_REGION: 'mars' }, {}), /AWS_REGION/);
  });

  test('the snapshot holds what the catalog reads: deployment.json and each workflow file that exists', async () => {
    assert.deepEqual(Object.keys(await snapshotBuild(memoryBuildReader(FILES))).sort(), [
      'asl/orders.asl.json',
      'deployment.json',
      'diagrams/orders.mmd',
    ]);
    assert.deepEqual(await snapshotBuild(memoryBuildReader({})), {});
  });
});

describe('serve --runtime workerd', () => {
  test('an unknown runtime is a usage error naming --runtime', async () => {
    const refused = await mainInProcess(['serve', '--runtime', 'nodejs']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--runtime must be workerd/);
  });

  test('a port already taken is an error naming it; the server on it keeps serving', async () => {
    const port = await freePort();
    const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' };
    const first = await startWorkerdServer({ port, host: '127.0.0.1', buildDir: build.dir }, env);
    try {
      await assert.rejects(
        startWorkerdServer({ port, host: '127.0.0.1', buildDir: build.dir }, env),
        new RegExp(`cannot listen on 127.0.0.1:${port}`),
      );
      assert.equal((await fetch(`${first.url}/workflows`)).status, 200);
    } finally {
      await first.close();
    }
  });

  test('workerd goes down with the serve process even when that is SIGKILLed (no orphan)', async () => {
    const served = await serveProcess(['serve', '--runtime', 'workerd', '--port', '0', '--build', build.dir], {
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    });
    const workerd = served.children('workerd');
    try {
      assert.equal(workerd.length, 1, served.output());
      assert.equal((await fetch(`${served.url}/workflows`)).status, 200);
      process.kill(served.pid, 'SIGKILL');
      const deadline = Date.now() + 10_000;
      while (workerd.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(workerd.filter(isAlive), []);
    } finally {
      await served.stop();
      for (const pid of workerd.filter(isAlive)) process.kill(pid, 'SIGKILL');
    }
  });
});
