// The DSL is plain TypeScript with no Node-only API: the example workflows render identically under Node, Bun and
// Deno (ASL, resources, and the creating line of each top-level state).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const script = join(root, 'test/support/dsl/render-examples.ts');
interface Rendered {
  asl: unknown;
  resources: unknown;
  lines: [string, number][];
}

const bin = (name: string): string => join(root, 'node_modules/.bin', name);

function render(command: string, args: string[]): Record<string, unknown> {
  return JSON.parse(
    execFileSync(command, [...args, script], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }),
  ) as Record<string, unknown>;
}

describe('DSL on every runtime', () => {
  const onNode = render(process.execPath, ['--import', 'tsx']);

  it('renders the examples under Node', () => {
    assert.ok(Object.keys(onNode).includes('showcase'), `rendered: ${Object.keys(onNode).join(', ')}`);
  });

  it('renders them identically under Bun (lines of states made in callbacks may point at the enclosing call)', () => {
    const onBun = render(bin('bun'), ['run']) as Record<string, Rendered>;
    const expected = onNode as Record<string, Rendered>;
    assert.deepStrictEqual(Object.keys(onBun), Object.keys(expected));
    for (const [name, rendered] of Object.entries(onBun)) {
      assert.deepStrictEqual(rendered.asl, expected[name].asl);
      assert.deepStrictEqual(rendered.resources, expected[name].resources);
      // JavaScriptCore makes `(steps) => steps.pass(...)` a proper tail call and drops the arrow's frame, so Bun
      // reports the `next(...)` call a line or two above. Anything else is a bug.
      rendered.lines.forEach(([path, line], index) => {
        const [expectedPath, expectedLine] = expected[name].lines[index];
        assert.equal(path, expectedPath);
        assert.ok(
          line <= expectedLine && line >= expectedLine - 3,
          `${name}/${path}: Bun line ${line}, Node line ${expectedLine}`,
        );
      });
    }
  });

  it('renders them identically under Deno', () => {
    assert.deepStrictEqual(render(bin('deno'), ['run', '--allow-read', '--allow-env']), onNode);
  });
});
