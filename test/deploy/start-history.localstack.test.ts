import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, test } from 'node:test';
import { createAwsClients, createLogger } from '../../src/aws/index.ts';
import { deploy } from '../../src/deploy/index.ts';
import { fixtureBuild, removeDeployment } from './fixture-build.ts';

// `stepforge start` and `history` as a user runs them: the CLI as a child process against the shared LocalStack.
const clients = createAwsClients();
const quiet = createLogger({ pretty: false, level: 'error', write: () => {} });
const bin = new URL('../../bin/stepforge.mjs', import.meta.url).pathname;

function stepforge(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const greetAsl = {
  StartAt: 'Greet',
  States: {
    Greet: {
      Type: 'Pass',
      Parameters: { 'text.$': "States.Format('hello {}', $.who)" },
      ResultPath: '$.greeting',
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Item',
        States: { Item: { Type: 'Pass', End: true } },
      },
      ResultPath: '$.items',
      End: true,
    },
  },
};

test('start --wait prints each step and the output; history shows the same steps as a table and as JSON', async () => {
  const build = await fixtureBuild('start');
  await build.writeManifest({ workflows: [{ name: 'greet', type: 'STANDARD', asl: 'asl/greet.asl.json', tasks: [] }] });
  await build.writeAsl('greet', greetAsl);
  const { deployment } = await deploy({ buildDir: build.dir, prefix: build.prefix, clients, logger: quiet });
  after(() => removeDeployment(clients, deployment));

  const name = `run-${Date.now()}`;
  const started = await stepforge([
    'start',
    'greet',
    '--build',
    build.dir,
    '--name',
    name,
    '--wait',
    '--input',
    '{"who":"ada","items":[1,2]}',
  ]);
  assert.equal(started.code, 0, started.stderr);
  const lines = started.stdout.trim().split('\n');
  assert.deepEqual(JSON.parse(lines.at(-1)!), {
    status: 'SUCCEEDED',
    output: { who: 'ada', greeting: { text: 'hello ada' }, items: [1, 2] },
  });
  assert.ok(
    lines.some((line) => /^Each\[1\]\/Item\s+Pass\s+succeeded/.test(line)),
    started.stdout,
  );

  const table = await stepforge(['history', 'greet', name, '--build', build.dir]);
  assert.equal(table.code, 0, table.stderr);
  const rows = table.stdout.trim().split('\n');
  assert.match(rows[0]!, /^step\s+type\s+status\s+attempts\s+duration/);
  // Map iterations run concurrently, so their rows come in either order.
  assert.deepEqual(
    rows
      .slice(1)
      .map((row) =>
        row
          .split(/\s{2,}/)
          .slice(0, 3)
          .join(' '),
      )
      .sort(),
    ['Each Map succeeded', 'Each[0]/Item Pass succeeded', 'Each[1]/Item Pass succeeded', 'Greet Pass succeeded'],
  );

  const json = await stepforge(['history', 'greet', name, '--build', build.dir, '--json']);
  const steps = JSON.parse(json.stdout) as { name: string; output: unknown }[];
  assert.deepEqual(steps[0], {
    ...steps[0],
    name: 'Greet',
    output: { who: 'ada', greeting: { text: 'hello ada' }, items: [1, 2] },
  });
});

test('bad usage exits 2 naming the problem; an unknown workflow exits 1 listing the deployed ones', async () => {
  const build = await fixtureBuild('startbad');
  await build.writeManifest({ workflows: [{ name: 'greet', type: 'STANDARD', asl: 'asl/greet.asl.json', tasks: [] }] });
  await build.writeAsl('greet', greetAsl);
  const { deployment } = await deploy({ buildDir: build.dir, prefix: build.prefix, clients, logger: quiet });
  after(() => removeDeployment(clients, deployment));

  const badInput = await stepforge(['start', 'greet', '--build', build.dir, '--input', '{nope']);
  assert.equal(badInput.code, 2);
  assert.match(badInput.stderr, /--input is not valid JSON/);
  const unknown = await stepforge(['start', 'other', '--build', build.dir]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /workflow "other" is not deployed \(deployed: greet\)/);
  const missing = await stepforge(['history', 'greet', '--build', build.dir]);
  assert.equal(missing.code, 2);
});
