import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { localStackPaths, type LocalStackStatus, probePort } from '../../src/localstack/index.ts';
import { endpointPort } from '../support/localstack.ts';

const root = new URL('../..', import.meta.url).pathname;
/** A port of its own, so the suite's LocalStack (4566) is never touched. */
const PORT = 4599;

function stepforge(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin/stepforge.mjs'), 'localstack', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 400_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The CLI in a child process without blocking this one (needed to run two at once, or to serve HTTP meanwhile). */
function stepforgeAsync(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin/stepforge.mjs'), 'localstack', ...args],
      { cwd: root, timeout: 400_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

function pidIn(output: string): number {
  const match = /\(pid (\d+)\)/.exec(output);
  assert.ok(match, `no pid in: ${output}`);
  return Number(match[1]);
}

/** Every LocalStack process on this machine configured for `port`, found through /proc (so Linux only). */
function localStackPidsOnPort(port: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8');
      if (
        cmdline.includes('localstack.runtime.main') &&
        environ.split('\0').includes(`GATEWAY_LISTEN=127.0.0.1:${port}`)
      )
        found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

function groupExists(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The local addresses with a listening TCP socket on `port`, read from /proc/net/tcp{,6} (Linux). */
function listeningAddresses(port: number): string[] {
  const LISTEN = '0A';
  const found = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== LISTEN) continue;
      const [hexAddress, hexPort] = local.split(':') as [string, string];
      if (Number.parseInt(hexPort, 16) !== port) continue;
      if (hexAddress.length === 8) {
        // IPv4, little-endian bytes.
        found.add(
          hexAddress
            .match(/../g)!
            .reverse()
            .map((byte) => Number.parseInt(byte, 16))
            .join('.'),
        );
      } else {
        found.add(
          /^0+$/.test(hexAddress) ? '::' : hexAddress === '00000000000000000000000001000000' ? '::1' : hexAddress,
        );
      }
    }
  }
  return [...found].sort();
}

describe(`localstack lifecycle on port ${PORT}`, () => {
  after(() => {
    // Whatever happened above, leave no LocalStack of ours on the test port.
    stepforge('stop', '--port', String(PORT));
  });

  it('starts once, reuses on a second start, reports status, and stops without leftovers', async () => {
    assert.equal((await probePort(PORT)).kind, 'free', `port ${PORT} must be free for this test`);
    assert.equal(stepforge('status', '--port', String(PORT)).code, 1);

    // Two starts at once (the state lock serialises them), then a third: one LocalStack, one pid.
    const [first, concurrent] = await Promise.all([
      stepforgeAsync('start', '--port', String(PORT)),
      stepforgeAsync('start', '--port', String(PORT)),
    ]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(concurrent.code, 0, concurrent.stderr);
    const outputs = [first.stdout, concurrent.stdout].sort();
    assert.match(outputs[0]!, /already running at http:\/\/127\.0\.0\.1:4599/);
    assert.match(outputs[1]!, /started at http:\/\/127\.0\.0\.1:4599/);
    const pid = pidIn(first.stdout);
    assert.equal(pidIn(concurrent.stdout), pid);

    const second = stepforge('start', '--port', String(PORT));
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /already running/);
    assert.equal(pidIn(second.stdout), pid);
    assert.deepEqual(localStackPidsOnPort(PORT), [pid]);
    assert.deepEqual(listeningAddresses(PORT), ['127.0.0.1'], 'LocalStack listens on loopback only');

    const status = stepforge('status', '--port', String(PORT), '--json');
    assert.equal(status.code, 0, status.stderr);
    const parsed = JSON.parse(status.stdout) as LocalStackStatus;
    assert.equal(parsed.running, true);
    assert.equal(parsed.managedBy, 'stepforge');
    assert.equal(parsed.pid, pid);
    assert.equal(parsed.version, '2026.3.0');
    for (const service of ['s3', 'sqs', 'stepfunctions', 'sts'])
      assert.equal(parsed.services[service], 'running', service);

    const stopped = stepforge('stop', '--port', String(PORT));
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.match(stopped.stdout, new RegExp(`pid ${pid}\\) stopped`));
    assert.equal(groupExists(pid), false, 'no process of the stopped LocalStack is left');
    assert.deepEqual(localStackPidsOnPort(PORT), []);
    assert.equal(existsSync(localStackPaths(PORT).pidFile), false);
    assert.equal((await probePort(PORT)).kind, 'free');
  });

  it('fails with the log tail and kills what it started when LocalStack is not ready in time', () => {
    const failed = stepforge('start', '--port', String(PORT), '--timeout', '1');
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /LocalStack did not become healthy in time/);
    assert.match(failed.stderr, /last lines of .*localstack-4599\.log/);
    assert.equal(existsSync(localStackPaths(PORT).pidFile), false);
    assert.deepEqual(localStackPidsOnPort(PORT), []);
  });

  it('removes a stale pid file instead of signalling a stranger', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(localStackPaths(PORT).pidFile, `${gone}\n`);
    const stopped = stepforge('stop', '--port', String(PORT));
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.match(stopped.stdout, /stale pid file/);
    assert.equal(existsSync(localStackPaths(PORT).pidFile), false);
  });

  it('reuses a LocalStack that already serves the port instead of starting a second one', () => {
    const port = String(endpointPort());
    const before = stepforge('status', '--port', port, '--json');
    const started = stepforge('start', '--port', port);
    assert.equal(started.code, 0, started.stderr);
    assert.match(started.stdout, /already running/);
    const afterStatus = JSON.parse(stepforge('status', '--port', port, '--json').stdout) as LocalStackStatus;
    assert.equal(afterStatus.pid, (JSON.parse(before.stdout) as LocalStackStatus).pid);
  });

  it('refuses a port held by something that is not LocalStack', async () => {
    const server = createServer((_request, response) => response.writeHead(404).end('not here'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      // The CLI runs in a child process, so this server must keep answering while the parent waits.
      const result = await stepforgeAsync('start', '--port', String(port));
      assert.equal(result.code, 1);
      assert.match(result.stderr, new RegExp(`port ${port} is in use by something that is not LocalStack`));
    } finally {
      server.close();
    }
  });
});
