import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import {
  colorEnabled,
  createLogger,
  formatLogLine,
  logFormat,
  loggerOptionsFromConfig,
  readAwsConfig,
} from '../../src/aws/index.ts';

const FIXED_TIME = new Date('2026-03-24T10:11:12.345Z');

function capture(env: Record<string, string>, isTTY = false) {
  const lines: string[] = [];
  const logger = createLogger({
    ...loggerOptionsFromConfig(readAwsConfig(env), env, isTTY),
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

  it('is pretty on a terminal and JSON lines when piped; STEPFORGE_LOG (--log) decides over both', () => {
    assert.equal(logFormat(false, {}, true), 'pretty');
    assert.equal(logFormat(false, {}, false), 'json');
    assert.equal(logFormat(true, {}, false), 'pretty', 'DEV_MODE=1: the dev loop shows its children pretty');
    assert.equal(logFormat(true, { STEPFORGE_LOG: 'json' }, true), 'json');
    assert.equal(logFormat(false, { STEPFORGE_LOG: 'pretty' }, false), 'pretty');
    assert.throws(() => logFormat(false, { STEPFORGE_LOG: 'xml' }, false), {
      name: 'ConfigError',
      message: 'STEPFORGE_LOG: must be pretty or json, got "xml"',
    });
  });

  it('colours only pretty lines, on a terminal, unless NO_COLOR; FORCE_COLOR decides over both', () => {
    assert.equal(colorEnabled({}, true), true);
    assert.equal(colorEnabled({}, false), false);
    assert.equal(colorEnabled({ NO_COLOR: '1' }, true), false);
    assert.equal(colorEnabled({ NO_COLOR: '' }, true), true, 'an empty NO_COLOR is unset');
    assert.equal(colorEnabled({ FORCE_COLOR: '1' }, false), true);
    assert.equal(colorEnabled({ FORCE_COLOR: '1', NO_COLOR: '1' }, false), true, 'FORCE_COLOR wins');
    assert.equal(colorEnabled({ FORCE_COLOR: '0' }, true), false);

    const tty = capture({}, true);
    tty.logger.warn('slow', { ms: 5 });
    assert.ok(tty.lines[0]!.includes('\x1b['), 'ANSI colours on a terminal');
    assert.equal(stripVTControlCharacters(tty.lines[0]!), '10:11:12.345 WARN  slow ms=5');
    const plain = capture({ NO_COLOR: '1' }, true);
    plain.logger.warn('slow', { ms: 5 });
    assert.equal(plain.lines[0], '10:11:12.345 WARN  slow ms=5');
    const forced = capture({ STEPFORGE_LOG: 'json', FORCE_COLOR: '1' }, true);
    forced.logger.warn('slow', { ms: 5 });
    assert.equal(
      forced.lines[0],
      '{"time":"2026-03-24T10:11:12.345Z","level":"warn","msg":"slow","ms":5}',
      'JSON never',
    );
  });
});
