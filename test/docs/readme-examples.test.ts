// The README's TypeScript examples are what users copy first: every ```ts block must type-check against the
// package's public entry (`import ... from 'stepforge'` resolves through package.json's self-reference).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const root = new URL('../..', import.meta.url).pathname;

function typeScriptBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

describe('README examples', () => {
  it('every ```ts block type-checks against the public API', () => {
    const blocks = typeScriptBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
    assert.ok(blocks.length >= 2, 'the README shows the DSL');
    const dir = join(root, '.stepforge/tmp/readme-examples');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = blocks.map((code, index) => {
      const file = join(dir, `block-${index + 1}.ts`);
      writeFileSync(file, code);
      return file;
    });
    const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => assert.fail(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
    })!;
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
