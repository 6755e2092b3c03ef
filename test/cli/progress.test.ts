// Progress for long steps: piped, step lines with elapsed time and the current step repeated while it lasts; on a
// terminal, one spinner line redrawn in place and a ✓ line per finished step.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { createProgress, elapsed } from '../../src/cli/progress.ts';

describe('progress', () => {
  let clock = 0;
  let written: string[] = [];
  beforeEach(() => {
    clock = 0;
    written = [];
    mock.timers.enable({ apis: ['setInterval'] });
  });
  afterEach(() => mock.timers.reset());
  const advance = (ms: number) => {
    for (let step = 0; step < ms; step += 100) {
      clock += 100;
      mock.timers.tick(100);
    }
  };
  const options = (tty: boolean) => ({ write: (text: string) => written.push(text), tty, now: () => clock });

  it('formats elapsed time in seconds with one decimal, aligned', () => {
    assert.equal(elapsed(0), '  0.0 s');
    assert.equal(elapsed(1234), '  1.2 s');
    assert.equal(elapsed(91_050), ' 91.0 s');
  });

  it('piped: a line per step, and the current step again after 5 s of silence (checked each second)', () => {
    const progress = createProgress(options(false));
    progress.step('creating the LocalStack venv');
    advance(1200);
    progress.step('installing packages');
    advance(12_000);
    progress.step('waiting for LocalStack');
    progress.done();
    advance(10_000);
    assert.deepEqual(written, [
      '[  0.0 s] creating the LocalStack venv\n',
      '[  1.2 s] installing packages\n',
      '[  7.0 s] ... installing packages\n',
      '[ 12.0 s] ... installing packages\n',
      '[ 13.2 s] waiting for LocalStack\n',
    ]);
  });

  it('on a terminal: a spinner line redrawn in place, a ✓ line when the step is over', () => {
    const progress = createProgress(options(true));
    progress.step('installing packages');
    advance(300);
    progress.step('waiting for LocalStack');
    progress.done();
    const text = written.join('');
    const clear = '\r\x1b[2K';
    assert.ok(text.includes(`${clear}⠙ [  0.0 s] installing packages`), JSON.stringify(text));
    assert.ok(text.includes('[  0.3 s] installing packages'), 'the spinner line shows the time going by');
    assert.ok(text.includes(`${clear}✓ [  0.3 s] installing packages\n`));
    assert.ok(text.endsWith('✓ [  0.3 s] waiting for LocalStack\n'));
    const count = written.length;
    advance(1000);
    assert.equal(written.length, count, 'nothing drawn after done()');
  });

  it('notes stay as lines, above the spinner on a terminal, between step lines when piped', () => {
    const piped = createProgress(options(false));
    piped.step('applying the plan');
    advance(200);
    piped.note('created    queue          jobs');
    piped.done();
    assert.deepEqual(written, ['[  0.0 s] applying the plan\n', '[  0.2 s] created    queue          jobs\n']);

    written = [];
    const tty = createProgress(options(true));
    tty.step('applying the plan');
    tty.note('created    queue          jobs');
    tty.done();
    const text = written.join('');
    assert.ok(text.includes('\r\x1b[2K[  0.0 s] created    queue          jobs\n'), JSON.stringify(text));
    assert.ok(text.endsWith('✓ [  0.0 s] applying the plan\n'), JSON.stringify(text));
  });
});
