// The READMEs' TypeScript examples are what users copy first: every ```ts block of the top-level README and of the
// folders' READMEs (where the details moved) must type-check against the package's public entry
// (`import ... from 'stepforge'` resolves through package.json's self-reference).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const root = new URL('../..', import.meta.url).pathname;

function typeScriptBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

/** README.md, then `<folder>/README.md` for every folder of src/ and the top-level folders that have one. */
function readmes(): string[] {
  const folders = [
    ...readdirSync(join(root, 'src')).map((name) => join('src', name)),
    'tasks',
    'workflows',
    'docs',
    'test',
  ];
  return [
    'README.md',
    ...folders
      .map((folder) => join(folder, 'README.md'))
      .filter((file) => existsSync(join(root, file)))
      .sort(),
  ];
}

describe('README examples', () => {
  it('every ```ts block of the READMEs type-checks against the public API', () => {
    const blocks = readmes().flatMap((readme) =>
      typeScriptBlocks(readFileSync(join(root, readme), 'utf8')).map((code) => ({ readme, code })),
    );
    assert.ok(blocks.filter((block) => block.readme === 'README.md').length >= 2, 'the README shows the DSL');
    assert.ok(
      blocks.some((block) => block.readme === join('src', 'deploy', 'README.md')),
      'the queue declaration example is checked where it moved',
    );
    const dir = join(root, '.stepforge/tmp/readme-examples');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = blocks.map(({ readme, code }, index) => {
      const file = join(dir, `${readme.replace(/\/README\.md$|\.md$/, '').replaceAll('/', '-')}-block-${index + 1}.ts`);
      // A folder's README imports that folder's modules by relative path, as the code beside it does.
      const folder = join(root, readme, '..');
      writeFileSync(
        file,
        code.replace(/from '(\.{1,2}\/[^']+)'|import\('(\.{1,2}\/[^']+)'\)/g, (match, from, dynamic) =>
          from ? `from '${join(folder, from)}'` : `import('${join(folder, dynamic)}')`,
        ),
      );
      return file;
    });
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) =>
          assert.fail(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
      },
    )!;
    const program = ts.createProgram(files, { ...config.options, noUnusedLocals: false });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file && files.includes(diagnostic.file.fileName))
      .map((diagnostic) => {
        const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        return `${diagnostic.file!.fileName.slice(dir.length + 1)}:${line + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      });
    assert.deepEqual(problems, []);
  });
});
