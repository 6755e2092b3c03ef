// Log lines of a real CLI process: JSON lines when piped (what tests and log shippers parse), pretty with
// `--log pretty` (coloured only when FORCE_COLOR asks, since stderr is a pipe here), JSON with `--log json` even
// where DEV_MODE would make them pretty.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { runStepforge } from '../support/stepforge-cli.ts';

// A task that fails on its input: one `task failed` warning, no AWS call.
const failing = ['run', 'action', '--input', '{"item":{"bucket":"b","key":"k"}}'];
const env = (extra: Record<string, string>) => {
  const base: NodeJS.ProcessEnv = { ...process.env, NODE_NO_WARNINGS: '1', ...extra };
  for (const name of ['STEPFORGE_LOG', 'DEV_MODE', 'NO_COLOR', 'FORCE_COLOR']) if (!(name in extra)) delete base[name];
  return { env: base };
};
const logLine = (stderr: string) => stderr.split('\n').find((line) => line.includes('task failed')) ?? '';

test('piped: JSON lines by default, pretty with --log pretty, JSON with --log json over DEV_MODE', async () => {
  const [piped, pretty, coloured, json] = await Promise.all([
    runStepforge(failing, env({})),
    runStepforge(['--log', 'pretty', ...failing], env({})),
    runStepforge([...failing, '--log', 'pretty'], env({ FORCE_COLOR: '1' })),
    runStepforge([...failing, '--log=json'], env({ DEV_MODE: '1' })),
  ]);
  for (const result of [piped, pretty, coloured, json]) assert.equal(result.status, 1, result.stderr);

  assert.match(logLine(piped.stderr), /^\{"time":/, piped.stderr);
  const parsed = JSON.parse(logLine(piped.stderr)) as Record<string, unknown>;
  assert.deepEqual(Object.keys(parsed).slice(0, 3), ['time', 'level', 'msg']);
  assert.equal(parsed.msg, 'task failed');
  assert.equal(JSON.parse(logLine(json.stderr)).msg, 'task failed');

  // durationMs differs from run to run; the rest of the line is the same with and without colours.
  const prettyLine =
    /^\d\d:\d\d:\d\d\.\d{3} WARN {2}task failed task=action durationMs=\d+ outcome=failure error=Action\./;
  assert.match(logLine(pretty.stderr), prettyLine, pretty.stderr);
  assert.ok(!pretty.stderr.includes('\x1b['), 'no colours on a pipe');
  const colouredLine = logLine(coloured.stderr);
  assert.ok(colouredLine.includes('\x1b['), 'FORCE_COLOR colours a pipe');
  assert.match(stripVTControlCharacters(colouredLine), prettyLine, coloured.stderr);
});
