// The layering the shared contracts exist for: src/contracts stands alone, and the server reaches the generator only
// through them (docs: /work/shared/ARCHITECTURE.md, "shared contracts").
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url).pathname;
const src = join(root, 'src');
// Static imports and re-exports, type-only ones included: a type import is a dependency of the design too.
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function specifiers(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((match) => match[1]!);
}

/** Every file the given files reach through relative imports, themselves included. */
function reachable(files: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of specifiers(file)) if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
  };
  files.forEach(visit);
  return seen;
}

test('src/contracts imports nothing outside itself: no other part of the project, no package, no node: module', () => {
  const dir = join(src, 'contracts');
  const offenders = sources(dir).flatMap((file) =>
    specifiers(file)
      .filter(
        (specifier) => !specifier.startsWith('.') || relative(dir, resolve(dirname(file), specifier)).startsWith('..'),
      )
      .map((specifier) => `${relative(root, file)} -> ${specifier}`),
  );
  assert.deepEqual(offenders, []);
});

test('nothing under src/server reaches src/generator, directly or through another module', () => {
  const generator = join(src, 'generator');
  const reached = [...reachable(sources(join(src, 'server')))].filter((file) => file.startsWith(generator));
  assert.deepEqual(
    reached.map((file) => relative(root, file)),
    [],
  );
});

test('the JSON Schema validator uses the contracts and its one library only', () => {
  const dir = join(src, 'json-schema');
  const offenders = sources(dir).flatMap((file) =>
    specifiers(file)
      .filter((specifier) =>
        specifier.startsWith('.')
          ? relative(dir, resolve(dirname(file), specifier)).startsWith('..') &&
            !resolve(dirname(file), specifier).startsWith(join(src, 'contracts'))
          : specifier !== '@cfworker/json-schema',
      )
      .map((specifier) => `${relative(root, file)} -> ${specifier}`),
  );
  assert.deepEqual(offenders, []);
});
