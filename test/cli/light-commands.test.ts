// `stepforge --help` and `stepforge <command> --help` read every command file, so those files must not import
// ts-morph or the AWS SDK at the top (they do inside `run`): `stepforge worker` must not pay for ts-morph, nor
// `--help` for anything heavy. Checked on the static import graph, which is what a process loads before `run`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const HEAVY = ['ts-morph', '@aws-sdk/', '@smithy/', 'hono', 'yaml', 'jsonata', 'archiver'];

/** Specifiers of the static imports and re-exports of a module (`import type` and `await import()` excluded). */
function staticImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^\s*(import|export)\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)'/gms)) {
    if (match[2]) continue;
    found.push(match[4]!);
  }
  for (const match of source.matchAll(/^\s*import\s+'([^']+)'/gm)) found.push(match[1]!);
  return found;
}

/** Every module reachable through static imports from `entry`, as paths (files) or package names. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) {
        seen.add(specifier);
        continue;
      }
      const path = resolve(dirname(file), specifier);
      if (existsSync(path)) visit(path);
    }
  };
  visit(entry);
  return seen;
}

test('the static import parser sees imports and re-exports, not type imports or dynamic ones', () => {
  const source = [
    "import { a } from './a.ts';",
    "import type { B } from './b.ts';",
    "import {\n  c,\n  type D,\n} from 'c-package';",
    "export { e } from './e.ts';",
    "export type { F } from './f.ts';",
    "const g = await import('./g.ts');",
    "import './side-effect.ts';",
  ].join('\n');
  assert.deepEqual(staticImports(source), ['./a.ts', 'c-package', './e.ts', './side-effect.ts']);
});

test('main, the command table and every command file load nothing heavy before a command runs', () => {
  const modules = reachable(join(root, 'src/cli/main.ts'));
  const commandFiles = [...readFileSync(join(root, 'src/cli/commands.ts'), 'utf8').matchAll(/import\('(\.[^']+)'\)/g)]
    .map((match) => join(root, 'src/cli', match[1]!))
    .flatMap((file) => [...reachable(file)]);
  const loaded = [...new Set([...modules, ...commandFiles])];
  assert.ok(loaded.some((module) => module.endsWith('worker-command.ts')));
  const heavy = loaded.filter((module) => HEAVY.some((name) => module === name || module.startsWith(name)));
  assert.deepEqual(heavy, []);
});

test('what generate runs does not load the AWS SDK; what worker and run run does not load ts-morph', () => {
  const modules = (...files: string[]) => files.flatMap((file) => [...reachable(join(root, file))]);
  const generate = modules('src/cli/generate-run.ts', 'src/generator/index.ts');
  assert.ok(generate.includes('ts-morph'), 'the check sees the generator');
  assert.deepEqual(
    generate.filter((module) => module.startsWith('@aws-sdk/')),
    [],
  );
  const worker = modules('tasks/index.ts', 'tasks/runtime/index.ts', 'src/aws/index.ts', 'src/cli/running-stack.ts');
  assert.ok(
    worker.some((module) => module.startsWith('@aws-sdk/')),
    'the check sees the tasks',
  );
  assert.deepEqual(
    worker.filter((module) => module === 'ts-morph'),
    [],
  );
});
