import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { withStateLock } from '../../src/localstack/state-lock.ts';

const scratch = mkdtempSync(join(tmpdir(), 'sf-lock-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('withStateLock', () => {
  it('runs overlapping callers one after the other and releases the lock', async () => {
    const dir = join(scratch, 'serial');
    const events: string[] = [];
    const worker = (name: string) =>
      withStateLock(dir, 10_000, async () => {
        events.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        events.push(`${name} out`);
        return name;
      });
    assert.deepEqual(await Promise.all([worker('a'), worker('b')]), ['a', 'b']);
    assert.deepEqual(events, ['a in', 'a out', 'b in', 'b out']);
    assert.equal(existsSync(join(dir, 'start.lock')), false);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = join(scratch, 'stale');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    mkdirSync(join(dir, 'start.lock'), { recursive: true });
    writeFileSync(join(dir, 'start.lock', 'pid'), `${dead}\n`);
    assert.equal(await withStateLock(dir, 2_000, async () => 'ran'), 'ran');
  });

  it('gives up naming the holder when a live process keeps the lock', async () => {
    const dir = join(scratch, 'held');
    mkdirSync(join(dir, 'start.lock'), { recursive: true });
    writeFileSync(join(dir, 'start.lock', 'pid'), `${process.pid}\n`);
    await assert.rejects(
      withStateLock(dir, 500, async () => 'never'),
      {
        name: 'LocalStackError',
        message: `another stepforge process (pid ${process.pid}) holds ${join(dir, 'start.lock')}`,
      },
    );
  });
});
