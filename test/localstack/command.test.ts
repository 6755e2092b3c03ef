import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run } from '../../src/cli/localstack-command.ts';
import { main } from '../../src/cli/main.ts';

describe('stepforge localstack usage', () => {
  it('names the expected subcommands for an unknown one', async () => {
    await assert.rejects(run(['restart']), {
      name: 'UsageError',
      message: 'expected one of start|stop|status|probe, got "restart"',
    });
    await assert.rejects(run([]), { name: 'UsageError', message: 'expected one of start|stop|status|probe, got ""' });
  });

  it('rejects a bad --port and unknown options before doing anything', async () => {
    await assert.rejects(run(['start', '--port', '70000']), {
      message: '--port must be between 1 and 65535, got 70000',
    });
    await assert.rejects(run(['start', '--port', 'high']), { message: '--port must be a whole number, got "high"' });
    await assert.rejects(run(['stop', '--force=yes']), { message: 'unknown option --force' });
  });

  it('exits 2 for bad usage through the CLI entry point', async () => {
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      assert.equal(await main(['localstack', 'restart']), 2);
    } finally {
      process.stderr.write = original;
    }
    assert.equal(written.join(''), 'stepforge localstack: expected one of start|stop|status|probe, got "restart"\n');
  });
});
