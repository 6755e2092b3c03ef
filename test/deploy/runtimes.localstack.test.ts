import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { RUNTIMES, runUnder } from '../runtimes/run-under.ts';

// Deploy is runtime code too: the same module deploys (and is idempotent) under Node, Bun and Deno.
const script = fileURLToPath(new URL('./fixtures/deploy-twice.ts', import.meta.url));

for (const runtime of RUNTIMES) {
  test(`deploy creates then reports unchanged under ${runtime}`, { timeout: 180_000 }, async () => {
    const result = await runUnder(runtime, script, { timeoutMs: 170_000 });
    assert.equal(result.code, 0, result.stderr);
    const { first, second } = JSON.parse(result.stdout.trim().split('\n').pop()!) as {
      first: string[];
      second: string[];
    };
    assert.equal(first.length, 7);
    assert.ok(
      first.every((change) => change === 'create'),
      first.join(),
    );
    assert.ok(
      second.every((change) => change === 'unchanged'),
      second.join(),
    );
  });
}
