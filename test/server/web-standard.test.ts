// The app runs on Node, Bun and Deno because nothing it loads reaches for Node: only the Node adapter may.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const serverDir = new URL('../../src/server/', import.meta.url).pathname;
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// The Node side: the adapter and the build folder through node:fs (which the worker's bundler also uses).
const NODE_ONLY = ['node.ts', 'catalog/fs-build-reader.ts'];

test('no node: import anywhere under src/server except the Node adapter and its file reader', () => {
  const offenders = sources(serverDir)
    .filter((file) => !NODE_ONLY.includes(relative(serverDir, file)))
    .filter((file) => /from\s+['"]node:/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(serverDir, file));
  assert.deepEqual(offenders, []);
});

for (const entry of ['app.ts', 'workerd.ts'])
  test(`the module graph of ${entry} reaches no node: module and no Node-only package`, () => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        if (/^\s*(?:import|export)\s+type\s/.test(match[0])) continue;
        const specifier = match[1]!;
        if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
        // A package by its name: hono/body-limit is hono.
        else
          external.add(
            specifier
              .split('/')
              .slice(0, specifier.startsWith('@') ? 2 : 1)
              .join('/'),
          );
      }
    };
    visit(join(serverDir, entry));
    // picocolors (the logger's colours, reached by the worker's settings) has a `browser` build, the one the worker
    // bundle takes: no process, no tty.
    const allowed = ['@aws-sdk/client-sfn', '@cfworker/json-schema', 'hono', 'picocolors'];
    assert.deepEqual(
      [...external].filter((name) => !allowed.includes(name)),
      [],
    );
    assert.ok(external.has('hono') && external.has('@aws-sdk/client-sfn'), 'the graph was walked');
  });
