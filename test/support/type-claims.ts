// Proves a file of type claims: it must type-check with every `@ts-expect-error` needed (an unused one is an
// error), and with the directives removed each claimed line, and no other, must fail to compile.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DIRECTIVE = '// @ts-expect-error';

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config.config, ts.sys, root).options;
}

function diagnostics(
  file: string,
  text: string,
  oldProgram?: ts.Program,
): { program: ts.Program; found: readonly ts.Diagnostic[] } {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (path) => (path === file ? text : readFile(path));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (path) => path === file || fileExists(path);
  const program = ts.createProgram({ rootNames: [file], options, host, oldProgram });
  return { program, found: ts.getPreEmitDiagnostics(program, program.getSourceFile(file)) };
}

function format(found: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(found, {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  });
}

/** `claims` is a path from the repository root, e.g. `test/dsl/type-claims.ts`. */
export function proveTypeClaims(title: string, claims: string, minimumClaims: number): void {
  const claimsFile = join(root, claims);
  const strippedFile = claimsFile.replace(/\.ts$/, '.stripped.ts');
  describe(title, () => {
    const source = readFileSync(claimsFile, 'utf8');
    const lines = source.split('\n');
    const claimLines = lines.flatMap((line, index) => (line.trim().startsWith(DIRECTIVE) ? [index + 1] : []));
    let first: ts.Program | undefined;

    it('has claims to prove', () => {
      assert.ok(claimLines.length >= minimumClaims, `only ${claimLines.length} @ts-expect-error claims`);
    });

    it('type-checks with every @ts-expect-error used', () => {
      const { program, found } = diagnostics(claimsFile, source);
      first = program;
      assert.equal(found.length, 0, format(found));
    });

    it('fails on each claimed line once the directives are removed', () => {
      const stripped = lines.map((line) => (line.trim().startsWith(DIRECTIVE) ? '// (claim)' : line)).join('\n');
      const { found } = diagnostics(strippedFile, stripped, first);
      const failing = new Set(
        found.map((diagnostic) => {
          assert.ok(diagnostic.file && diagnostic.start !== undefined, format([diagnostic]));
          return diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1;
        }),
      );
      // A directive covers the line after it; each must fail on its own, and nothing else may.
      const expected = new Set(claimLines.map((line) => line + 1));
      assert.deepStrictEqual(
        [...failing].sort((a, b) => a - b),
        [...expected].sort((a, b) => a - b),
        format(found),
      );
    });
  });
}
