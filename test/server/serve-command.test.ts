// `stepforge serve`: options checked before anything listens (exit 2 through UsageError); listening errors named.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { run } from '../../src/cli/serve-command.ts';
import { UsageError } from '../../src/cli/usage-error.ts';
import { parseListenArgs } from '../../src/server/serve-config.ts';
import { startNodeServer } from '../../src/server/node.ts';

test('bad options are usage errors naming the option', async () => {
  await assert.rejects(
    run(['--port', 'abc']),
    (error: unknown) => error instanceof UsageError && /--port/.test(error.message),
  );
  await assert.rejects(run(['--port', '70000']), UsageError);
  await assert.rejects(
    run(['--bind', 'x']),
    (error: unknown) => error instanceof UsageError && /--bind/.test(error.message),
  );
});

test('the direct entry points take the same options, defaulting to 127.0.0.1:8787 and build/', () => {
  assert.deepEqual(parseListenArgs([]), { port: 8787, host: '127.0.0.1', buildDir: 'build' });
  assert.deepEqual(parseListenArgs(['--port=0', '--host', '0.0.0.0', '--build', 'out']), {
    port: 0,
    host: '0.0.0.0',
    buildDir: 'out',
  });
  assert.throws(() => parseListenArgs(['--watch']), /unknown argument "--watch"/);
});

test('a port already taken is an error naming it, not a crash', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const { port } = blocker.address() as { port: number };
  try {
    await assert.rejects(
      startNodeServer({ port, host: '127.0.0.1', buildDir: 'build' }),
      new RegExp(`127.0.0.1:${port}: EADDRINUSE`),
    );
  } finally {
    blocker.close();
  }
});
