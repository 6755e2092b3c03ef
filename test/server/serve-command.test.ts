// `stepforge serve`: options checked before anything listens (exit 2 through UsageError); listening errors named.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { parseListenArgs } from '../../src/server/serve-config.ts';
import { startNodeServer } from '../../src/server/node.ts';
import { mainInProcess } from '../support/cli/main-in-process.ts';

test('bad options are usage errors naming the option', async () => {
  const serve = (...argv: string[]) => mainInProcess(['serve', ...argv]);
  assert.deepEqual(await serve('--port', 'abc'), {
    code: 2,
    stdout: '',
    stderr: 'stepforge serve: --port must be a whole number, got "abc"\n',
  });
  assert.deepEqual(await serve('--port', '70000'), {
    code: 2,
    stdout: '',
    stderr: 'stepforge serve: --port must be between 0 and 65535, got 70000\n',
  });
  assert.deepEqual(await serve('--bind', 'x'), {
    code: 2,
    stdout: '',
    stderr: 'stepforge serve: unknown option --bind; did you mean --build?\n',
  });
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
