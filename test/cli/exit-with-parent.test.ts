// A process `stepforge dev` starts must not outlive the dev loop, however the loop ends: it holds a stdin pipe from
// the loop, and when that pipe closes the child stops the way SIGTERM stops it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { freePort } from '../support/free-port.ts';

const STEPFORGE = new URL('../../bin/stepforge.mjs', import.meta.url).pathname;

function startServe(port: number, env: Record<string, string>) {
  const child = spawn(process.execPath, [STEPFORGE, 'serve', '--port', String(port), '--build', 'no-such-build'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = async () => {
    for (let attempt = 0; attempt < 200 && !/server listening/.test(output); attempt++)
      await new Promise((r) => setTimeout(r, 100));
    assert.match(output, /server listening/);
  };
  return { child, exited, listening };
}

describe('STEPFORGE_EXIT_WITH_PARENT', () => {
  it('a child of the dev loop stops (exit 0, like SIGTERM) when the pipe from its parent closes', async () => {
    const serve = startServe(await freePort(), { STEPFORGE_EXIT_WITH_PARENT: '1' });
    await serve.listening();
    serve.child.stdin.end();
    const code = await Promise.race([
      serve.exited,
      new Promise((resolve) => setTimeout(() => resolve('still running'), 15_000)),
    ]);
    assert.equal(code, 0);
  });

  it('without the variable, a closed stdin changes nothing', async () => {
    const serve = startServe(await freePort(), {});
    await serve.listening();
    serve.child.stdin.end();
    const code = await Promise.race([
      serve.exited,
      new Promise((resolve) => setTimeout(() => resolve('still running'), 2_000)),
    ]);
    assert.equal(code, 'still running');
    serve.child.kill('SIGTERM');
    assert.equal(await serve.exited, 0);
  });
});
