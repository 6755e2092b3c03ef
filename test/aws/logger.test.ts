import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger, formatLogLine, loggerOptionsFromConfig, readAwsConfig } from '../../src/aws/index.ts';

const FIXED_TIME = new Date('2026-03-24T10:11:12.345Z');

function capture(env: Record<string, string>) {
  const lines: string[] = [];
  const logger = createLogger({
    ...loggerOptionsFromConfig(readAwsConfig(env)),
    write: (line) => lines.push(line),
    now: () => FIXED_TIME,
  });
  return { logger, lines };
}

describe('logger', () => {
  it('writes one JSON object per line with time, level and msg first', () => {
    const { logger, lines } = capture({});
    logger.info('queue drained', { queue: 'q1', count: 3 });
    assert.equal(lines.length, 1);
    assert.equal(
      lines[0],
      '{"time":"2026-03-24T10:11:12.345Z","level":"info","msg":"queue drained","queue":"q1","count":3}',
    );
  });

  it('drops debug lines by default and keeps them with APP_DEBUG=1', () => {
    const quiet = capture({});
    quiet.logger.debug('hidden');
    assert.deepEqual(quiet.lines, []);
    const verbose = capture({ APP_DEBUG: '1' });
    verbose.logger.debug('shown', { step: 1 });
    assert.equal(JSON.parse(verbose.lines[0]!).level, 'debug');
  });

  it('prints a readable line with DEV_MODE=1', () => {
    const { logger, lines } = capture({ DEV_MODE: '1' });
    logger.warn('slow request', { route: '/health', ms: 12, tags: ['a'] });
    assert.equal(lines[0], '10:11:12.345 WARN  slow request route=/health ms=12 tags=["a"]');
  });

  it('child loggers carry their bound fields, and call fields win', () => {
    const { logger, lines } = capture({});
    logger.child({ task: 'consume', attempt: 1 }).error('failed', { attempt: 2 });
    assert.deepEqual(JSON.parse(lines[0]!), {
      time: FIXED_TIME.toISOString(),
      level: 'error',
      msg: 'failed',
      task: 'consume',
      attempt: 2,
    });
  });

  it('never lets a field overwrite time, level or msg', () => {
    const line = formatLogLine('info', 'real message', { msg: 'imposter', level: 'error' }, false, FIXED_TIME);
    const parsed = JSON.parse(line);
    assert.equal(parsed.msg, 'real message');
    assert.equal(parsed.level, 'info');
    assert.equal(parsed['field.msg'], 'imposter');
    assert.equal(parsed['field.level'], 'error');
  });

  it('serialises errors, BigInts and cycles instead of throwing', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const line = formatLogLine(
      'error',
      'boom',
      { error: new TypeError('bad input'), size: 10n, cyclic, nested: { cause: new Error('inner') } },
      false,
      FIXED_TIME,
    );
    const parsed = JSON.parse(line);
    assert.equal(parsed.error.name, 'TypeError');
    assert.equal(parsed.error.message, 'bad input');
    assert.equal(parsed.size, '10');
    assert.equal(parsed.cyclic.self, '[Circular]');
    assert.equal(parsed.nested.cause.message, 'inner');
  });
});
