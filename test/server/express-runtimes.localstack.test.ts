// The server's two customised SDK calls (StartSyncExecution without the `sync-` host on LocalStack, the history body
// read as JSON) work on every runtime the server runs on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RUNTIMES, runUnder } from '../runtimes/run-under.ts';

for (const runtime of RUNTIMES) {
  test(`${runtime}: Prefer: wait runs an EXPRESS workflow; history events come back as JSON`, async () => {
    const result = await runUnder(runtime, 'test/server/fixtures/express-and-history.ts');
    assert.equal(result.code, 0, result.stderr);
    const seen = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    assert.equal(seen.syncStatus, 200);
    assert.deepEqual(seen.sync, { ...(seen.sync as object), status: 'SUCCEEDED', output: { a: 1, r: 'done' } });
    assert.deepEqual(seen.eventTypes, [
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    assert.equal(seen.isoTimestamps, true);
  });
}
