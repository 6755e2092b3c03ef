// The server on Node, Bun, Deno and workerd (a Cloudflare Worker, through `serve --runtime workerd`) in turn, each on
// a free port against the shared LocalStack: one workflow run through POST, the steps history and the SSE stream.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type DeployedFixture, deployFixture } from '../support/server/localstack-fixture.ts';
import { mapOfPass } from '../support/server/definitions.ts';
import { readSse } from '../support/server/sse.ts';
import { freePort } from '../support/free-port.ts';

const root = new URL('../..', import.meta.url).pathname;
const bin = (name: string) => join(root, 'node_modules/.bin', name);

const RUNTIMES: Record<string, (port: number, build: string) => string[]> = {
  node: (port, build) => [
    process.execPath,
    join(root, 'bin/stepforge.mjs'),
    'serve',
    '--port',
    String(port),
    '--build',
    build,
  ],
  workerd: (port, build) => [
    process.execPath,
    join(root, 'bin/stepforge.mjs'),
    'serve',
    '--runtime',
    'workerd',
    '--port',
    String(port),
    '--build',
    build,
  ],
  bun: (port, build) => [bin('bun'), join(root, 'src/server/bun.ts'), '--port', String(port), '--build', build],
  deno: (port, build) => [
    bin('deno'),
    'run',
    '-A',
    join(root, 'src/server/deno.ts'),
    '--port',
    String(port),
    '--build',
    build,
  ],
};

const DEFINITION = mapOfPass({ name: 'Pause', state: { Type: 'Wait', SecondsPath: '$[0]', End: true } });
// The Map passes its items through, so the first item is the pause in seconds.
const JSON_TYPE = { 'content-type': 'application/json' };
const SCHEMA = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: { type: 'integer' } } },
};

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output()}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not answer /health within 60 s: ${output()}`);
}

let fixture: DeployedFixture;
let buildDir: string;

before(async () => {
  fixture = await deployFixture('e2e', DEFINITION, SCHEMA);
  buildDir = mkdtempSync(join(tmpdir(), 'stepforge-server-e2e-'));
  for (const [path, text] of Object.entries(fixture.files)) {
    mkdirSync(dirname(join(buildDir, path)), { recursive: true });
    writeFileSync(join(buildDir, path), text);
  }
});
after(async () => {
  await fixture.remove();
  rmSync(buildDir, { recursive: true, force: true });
});

describe('the server on each runtime', () => {
  for (const [runtime, command] of Object.entries(RUNTIMES)) {
    test(`${runtime}: POST, history and the SSE stream`, { timeout: 120_000 }, async () => {
      const port = await freePort();
      const [executable, ...args] = command(port, buildDir);
      const child = spawn(executable!, args, {
        cwd: root,
        env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      let signalled = false;
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      const url = `http://127.0.0.1:${port}`;
      try {
        await waitForHealth(url, child, () => output);
        const health = (await (await fetch(`${url}/health`)).json()) as { workflows: number };
        assert.equal(health.workflows, 1);

        const invalid = await fetch(`${url}/workflows/e2e/executions`, {
          method: 'POST',
          headers: JSON_TYPE,
          body: JSON.stringify({ items: ['x'] }),
        });
        assert.equal(invalid.status, 400);
        assert.equal(
          ((await invalid.json()) as { detail: string }).detail,
          'body.items[0]: must be integer, got string',
        );

        const started = await fetch(`${url}/workflows/e2e/executions`, {
          method: 'POST',
          headers: JSON_TYPE,
          body: JSON.stringify({ items: [1, 2] }),
        });
        assert.equal(started.status, 201);
        const { links } = (await started.json()) as { links: Record<string, string> };

        const stream = await fetch(`${url}${links.stream}`, { headers: { accept: 'text/event-stream' } });
        assert.equal(stream.status, 200);
        const messages = await readSse(stream.body!);
        const end = messages.at(-1)!;
        assert.equal(end.event, 'end');
        assert.deepEqual(JSON.parse(end.data), { status: 'SUCCEEDED' });
        const types = messages
          .filter((message) => !message.event)
          .map((message) => (JSON.parse(message.data) as { type: string }).type);
        assert.equal(types[0], 'ExecutionStarted');
        assert.equal(types.at(-1), 'ExecutionSucceeded');

        const history = (await (await fetch(`${url}${links.history}`)).json()) as {
          steps: { name: string; status: string; iteration?: number }[];
        };
        assert.deepEqual(
          history.steps.map((step) => [step.name, step.status, step.iteration ?? null]).sort(),
          [
            ['Echo', 'succeeded', 0],
            ['Echo', 'succeeded', 1],
            ['Fan', 'succeeded', null],
            ['Pause', 'succeeded', null],
          ].sort(),
        );

        // Shutdown with an event stream open: the stream ends (on workerd the connection is cut) and the process
        // still exits 0 (checked below).
        const slow = await fetch(`${url}/workflows/e2e/executions`, {
          method: 'POST',
          headers: JSON_TYPE,
          body: JSON.stringify({ items: [300] }),
        });
        const slowLinks = ((await slow.json()) as { links: Record<string, string> }).links;
        const open = await fetch(`${url}${slowLinks.stream}`);
        const reading = readSse(open.body!);
        await new Promise((resolve) => setTimeout(resolve, 500));
        child.kill('SIGTERM');
        signalled = true;
        const cut = await reading.catch(() => []);
        assert.ok(
          !cut.some((message) => message.event === 'end'),
          'the slow execution did not end; its stream was closed by shutdown',
        );
      } finally {
        if (!signalled) child.kill('SIGTERM');
        const code = await new Promise<number | null>((resolve) => {
          if (child.exitCode !== null) return resolve(child.exitCode);
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', (exitCode) => {
            clearTimeout(timer);
            resolve(exitCode);
          });
        });
        assert.equal(code, 0, `${runtime} server exits 0 on SIGTERM: ${output}`);
      }
    });
  }
});
