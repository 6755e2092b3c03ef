// `stepforge init`: what it writes, what the new project depends on, and the folders it refuses.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { initProject, packageNameFor } from '../../src/init/index.ts';
import { runStepforge } from '../support/stepforge-cli.ts';

const root = new URL('../../', import.meta.url).pathname;
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const scratch = mkdtempSync(join(tmpdir(), 'stepforge-init-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;

describe('stepforge init', { concurrency: true }, () => {
  it('scaffolds the project: package.json on this stepforge, tsconfig, hello workflow, an action typed by stepforge-env.d.ts, a test, README', () => {
    const dir = join(scratch, 'My Flows');
    const result = initProject({ directory: dir });
    assert.deepEqual(result.written, [
      '.gitignore',
      'README.md',
      'actions/greet.ts',
      'package.json',
      'stepforge-env.d.ts',
      'test/hello.test.ts',
      'tsconfig.json',
      'workflows/hello.ts',
    ]);
    const manifest = readJson(join(dir, 'package.json'));
    assert.equal(manifest.name as unknown, 'my-flows');
    assert.equal(manifest.type as unknown, 'module');
    assert.deepEqual(manifest.dependencies, { stepforge: version });
    assert.equal(manifest.scripts!.start, 'stepforge dev');
    assert.match(String(manifest.scripts!.test), /--test test\/\*\.test\.ts/);
    assert.deepEqual(manifest.stepforge, { actions: 'actions' });
    for (const [name, pin] of Object.entries(manifest.devDependencies!))
      assert.match(String(pin), /^\d+\.\d+\.\d+$/, `${name} is pinned exactly`);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    assert.match(readme, /^# my-flows$/m);
    assert.ok(readme.includes('npm install && npm start') && readme.includes('npm install && npm test'));
    assert.match(readFileSync(join(dir, 'workflows/hello.ts'), 'utf8'), /from 'stepforge';/);
    assert.match(readFileSync(join(dir, 'actions/greet.ts'), 'utf8'), /defineAction\(\{\s*name: 'greet'/);
    assert.match(
      readFileSync(join(dir, 'workflows/hello.ts'), 'utf8'),
      /action: 'greet', params: \{ name: input\.name \}/,
    );
    assert.match(
      readFileSync(join(dir, 'stepforge-env.d.ts'), 'utf8'),
      /declare module 'stepforge' \{\s*interface Actions \{\s*greet: typeof greet;/,
    );
    assert.ok(
      (readJson(join(dir, 'tsconfig.json')).include as unknown as string[]).includes('stepforge-env.d.ts'),
      'the declaration file is part of the project',
    );
    assert.match(readFileSync(join(dir, '.gitignore'), 'utf8'), /^node_modules\/$/m);
  });

  it('the dependency can point elsewhere (a packed tarball in the package tests)', () => {
    const dir = join(scratch, 'tarball');
    initProject({ directory: dir, stepforgeDependency: 'file:/somewhere/stepforge-0.1.0.tgz' });
    assert.deepEqual(readJson(join(dir, 'package.json')).dependencies, {
      stepforge: 'file:/somewhere/stepforge-0.1.0.tgz',
    });
  });

  it('refuses a non-empty folder with exit 2 naming it, and writes into it with --force', async () => {
    const dir = join(scratch, 'taken');
    const cli = (...args: string[]) => runStepforge(['init', ...args], { cwd: scratch });
    assert.equal((await cli('taken')).status, 0);
    writeFileSync(join(dir, 'workflows/hello.ts'), '// mine\n');
    const refused = await cli('taken');
    assert.equal(refused.status, 2);
    assert.match(
      refused.stderr,
      /^stepforge init: .*taken is not empty \(.*\); choose an empty folder or pass --force/,
    );
    assert.equal(readFileSync(join(dir, 'workflows/hello.ts'), 'utf8'), '// mine\n', 'nothing was written');
    const forced = await cli('taken', '--force');
    assert.equal(forced.status, 0, forced.stderr);
    assert.match(forced.stdout, /npm install && npm start/);
    assert.match(readFileSync(join(dir, 'workflows/hello.ts'), 'utf8'), /workflow<HelloInput>\('hello'/);
  });

  it('bad usage exits 2', async () => {
    const [extra, unknown] = await Promise.all([
      runStepforge(['init', 'a', 'b'], { cwd: scratch }),
      runStepforge(['init', '--template', 'x'], { cwd: scratch }),
    ]);
    assert.equal(extra.status, 2);
    assert.match(extra.stderr, /unexpected argument "b"/);
    assert.equal(unknown.status, 2);
    assert.ok(!existsSync(join(scratch, 'a')));
  });

  it('package names come from the folder name', () => {
    assert.equal(packageNameFor('My Flows'), 'my-flows');
    assert.equal(packageNameFor('.hidden'), 'hidden');
    assert.equal(packageNameFor('***'), 'stepforge-project');
  });
});
