import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LOCALSTACK_PORT } from '../../src/cli/localstack-command.ts';
import { DEFAULT_PORT } from '../../src/localstack/index.ts';
import { mainInProcess } from '../support/cli/main-in-process.ts';

describe('stepforge localstack usage', () => {
  it('names the expected subcommands for an unknown or a missing one', async () => {
    assert.deepEqual(await mainInProcess(['localstack', 'restart']), {
      code: 2,
      stdout: '',
      stderr: 'stepforge localstack: expected one of start|stop|status|probe, got "restart"; did you mean start?\n',
    });
    assert.deepEqual(await mainInProcess(['localstack', 'stauts']), {
      code: 2,
      stdout: '',
      stderr: 'stepforge localstack: expected one of start|stop|status|probe, got "stauts"; did you mean status?\n',
    });
    assert.deepEqual(await mainInProcess(['localstack']), {
      code: 2,
      stdout: '',
      stderr: 'stepforge localstack: expected one of start|stop|status|probe, got ""\n',
    });
  });

  it('rejects a bad --port and unknown options before doing anything', async () => {
    const cases: Array<[string[], string]> = [
      [['localstack', 'start', '--port', '70000'], '--port must be between 1 and 65535, got 70000'],
      [['localstack', 'start', '--port', 'high'], '--port must be a whole number, got "high"'],
      [['localstack', 'stop', '--force=yes'], 'unknown option --force=yes'],
      [['localstack', 'stop', '--services', 'iam'], 'unknown option --services'],
      [['localstack', 'start', '--prot', '4599'], 'unknown option --prot; did you mean --port?'],
    ];
    for (const [argv, message] of cases) {
      const prefix = `stepforge ${argv.slice(0, 2).join(' ')}`;
      assert.deepEqual(await mainInProcess(argv), { code: 2, stdout: '', stderr: `${prefix}: ${message}\n` });
    }
  });

  it('declares the default port of src/localstack (kept in the command so --help loads nothing heavy)', () => {
    assert.equal(DEFAULT_LOCALSTACK_PORT, DEFAULT_PORT);
  });
});
