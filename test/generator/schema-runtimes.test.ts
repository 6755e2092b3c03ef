import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = new URL('../../', import.meta.url).pathname;
const script = join(root, 'test/fixtures/generator/validate-runtime-check.ts');
const expected = { ok: [], bad: [{ path: '$.files[0].source', message: 'is required' }] };

describe('the schema validator runs under Bun and Deno', () => {
  for (const [runtime, args] of [
    ['bun', [script]],
    ['deno', ['run', '--quiet', '--no-prompt', script]],
  ] as const) {
    it(runtime, () => {
      const result = spawnSync(join(root, 'node_modules/.bin', runtime), [...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' },
      });
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout.trim().split('\n').pop()!), expected);
    });
  }
});
