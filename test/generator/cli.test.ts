import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runStepforge } from '../support/stepforge-cli.ts';

const root = new URL('../../', import.meta.url).pathname;
const stepforge = (args: string[], cwd = root) => runStepforge(args, { cwd });

// The tests share nothing (each generate writes into its own temporary folder), so their CLI runs overlap.
describe('stepforge validate / generate', { concurrency: true }, () => {
  it('validate exits 1 with file:line of each error on a broken workflow', async () => {
    const result = await stepforge(['validate', '--workflows', 'test/fixtures/generator/broken/workflows']);
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stderr.trim().split('\n');
    assert.ok(
      lines.includes(
        'test/fixtures/generator/broken/workflows/broken.ts:6: error [First] NEXT_NOT_FOUND: Next names "Secnd", which is not a state',
      ),
      result.stderr,
    );
    assert.ok(
      lines.some((line) =>
        line.startsWith('test/fixtures/generator/broken/workflows/broken.ts:7: error [Orphan] UNREACHABLE_STATE'),
      ),
      result.stderr,
    );
  });

  it('validate exits 0 on valid workflows; generate writes nothing when one is broken', async () => {
    const ok = await stepforge([
      'validate',
      '--workflows',
      'test/fixtures/generator/valid/workflows',
      '--no-second-opinion',
    ]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /2 workflow\(s\) valid/);
    const cwd = mkdtempSync(join(tmpdir(), 'stepforge-cli-'));
    try {
      const failed = await stepforge(
        ['generate', '--workflows', join(root, 'test/fixtures/generator/broken/workflows')],
        cwd,
      );
      assert.equal(failed.status, 1);
      assert.ok(!existsSync(join(cwd, 'build')) && !existsSync(join(cwd, 'serverless-localstack.yml')));
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('a DSL error thrown while loading a module is reported as file:line of the call', async () => {
    const result = await stepforge(['validate', '--workflows', 'test/fixtures/generator/dsl-throws/workflows']);
    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /^stepforge validate: test\/fixtures\/generator\/dsl-throws\/workflows\/twice\.ts:4: duplicate state name "Same"/,
    );
    assert.ok(!result.stderr.includes(root), 'paths are relative to the project');
  });

  it('generate without --out writes build/ and serverless-localstack.yml into the working directory', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'stepforge-cli-'));
    try {
      const workflows = join(root, 'test/fixtures/generator/valid/workflows');
      const result = await stepforge(['generate', '--workflows', workflows, '--no-second-opinion'], cwd);
      assert.equal(result.status, 0, result.stderr);
      for (const file of ['build/stepforge.json', 'serverless-localstack.yml'])
        assert.ok(existsSync(join(cwd, file)), file);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('generate --workflows loads a folder outside any "type": "module" package (no require(esm) cycle)', async () => {
    // /tmp has no package.json: a .ts module there is CommonJS to Node's loaders, and a plain import() of it under a
    // global tsx hook failed with "Cannot require() ES Module ... in a cycle".
    const cwd = mkdtempSync(join(tmpdir(), 'stepforge-cli-'));
    try {
      mkdirSync(join(cwd, 'flows'));
      writeFileSync(
        join(cwd, 'flows/outside.ts'),
        `import { workflow } from ${JSON.stringify(join(root, 'src/dsl/index.ts'))};\n` +
          "const wf = workflow('outside');\nwf.pass('Hello', { result: { ok: true } });\nexport const outside = wf;\n",
      );
      const result = await stepforge(['generate', '--workflows', 'flows', '--no-second-opinion'], cwd);
      assert.equal(result.status, 0, result.stderr);
      assert.doesNotMatch(result.stderr, /cycle/);
      const asl = JSON.parse(readFileSync(join(cwd, 'build/asl/outside.asl.json'), 'utf8')) as { StartAt: string };
      assert.equal(asl.StartAt, 'Hello');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('generate --out <dir> writes everything, serverless-localstack.yml included, into that folder only', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'stepforge-cli-'));
    try {
      const result = await stepforge(
        [
          'generate',
          '--workflows',
          join(root, 'test/fixtures/generator/valid/workflows'),
          '--out',
          'out',
          '--no-second-opinion',
        ],
        cwd,
      );
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /generated 2 workflow\(s\): 10 files/);
      for (const file of [
        'out/stepforge.json',
        'out/asl/archive.asl.json',
        'out/diagrams/showcase.mmd',
        'out/serverless-localstack.yml',
      ]) {
        assert.ok(existsSync(join(cwd, file)), file);
      }
      assert.ok(!existsSync(join(cwd, 'serverless-localstack.yml')), 'the project root is left alone');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('bad usage exits 2', async () => {
    const [badTarget, badOption] = await Promise.all([
      stepforge(['generate', '--target', 'mars']),
      stepforge(['validate', '--bogus', 'x']),
    ]);
    assert.equal(badTarget.status, 2);
    assert.equal(badOption.status, 2);
  });
});
