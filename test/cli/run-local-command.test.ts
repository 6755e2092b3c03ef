// `stepforge run-local`: a workflow run in-process from the CLI, as a steps table or JSON, with mocks from a module.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runStepforge } from '../support/stepforge-cli.ts';

const testing = fileURLToPath(new URL('../../src/testing/index.ts', import.meta.url));
const order = JSON.stringify({ orderId: 'o-1', priority: 'standard', items: [{ sku: 'a', quantity: 2 }] });

describe('stepforge run-local', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sf-run-local-'));
    await writeFile(
      join(dir, 'mocks.mts'),
      `import { fail } from ${JSON.stringify(testing)};\nexport const tasks = { LoadLoyalty: fail('S3.NoSuchKey', 'no record') };\n`,
    );
    await writeFile(join(dir, 'input.json'), order);
    await writeFile(
      join(dir, 'fail.yaml'),
      'StartAt: Check\nStates:\n  Check:\n    Type: Fail\n    Error: Order.Invalid\n    Cause: no items\n',
    );
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('runs a workflow of workflows/ by name and prints the steps table, retries and catch included', async () => {
    const result = await runStepforge([
      'run-local',
      'showcase',
      '--input',
      `@${join(dir, 'input.json')}`,
      '--mocks',
      join(dir, 'mocks.mts'),
    ]);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.match(lines[0] ?? '', /^step\s+type\s+status\s+attempts\s+duration\s+error$/);
    assert.match(result.stdout, /^LoadLoyalty\s+Task\s+caught\s+2\s+1000 ms\s+S3\.NoSuchKey: no record$/m);
    assert.match(result.stdout, /^Fulfil#1\/CarrierSlot\s+Wait\s+succeeded/m);
    assert.match(lines.at(-1) ?? '', /^SUCCEEDED {2}output \{"orderId":"o-1","lineCount":1,/);
  });

  it('runs an ASL YAML file and prints the run as JSON; a failed execution exits 1', async () => {
    const result = await runStepforge(['run-local', join(dir, 'fail.yaml'), '--input', '{}', '--json']);
    assert.equal(result.status, 1, result.stderr);
    const run = JSON.parse(result.stdout) as {
      status: string;
      error: string;
      cause: string;
      steps: { name: string }[];
    };
    assert.deepEqual(
      { status: run.status, error: run.error, cause: run.cause, steps: run.steps.map((step) => step.name) },
      { status: 'FAILED', error: 'Order.Invalid', cause: 'no items', steps: ['Check'] },
    );
  });

  it('names the Task that has no mock, and an unknown workflow with the ones there are (exit 2)', async () => {
    const [noMock, unknown] = await Promise.all([
      runStepforge(['run-local', 'showcase', '--input', order]),
      runStepforge(['run-local', 'no-such-flow', '--input', '{}']),
    ]);
    assert.equal(noMock.status, 2);
    assert.match(noMock.stderr, /Task state "LoadLoyalty" was reached but has no mock.*--mocks/);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no workflow "no-such-flow" in workflows\/ \(found: .*showcase/);
  });
});
