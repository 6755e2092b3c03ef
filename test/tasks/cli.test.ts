// `stepforge worker` and `stepforge run` usage: exit 2 and one line naming the problem; a failed task exits 1.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runStepforge } from '../support/stepforge-cli.ts';

async function stepforge(...args: string[]) {
  const result = await runStepforge(args, { env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  return { status: result.status, stderr: result.stderr.replace(/^\{"time".*\n/gm, ''), stdout: result.stdout };
}

test('bad usage exits 2 naming the problem', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['worker'], /^stepforge worker: usage: stepforge worker <task>/],
    [
      ['worker', 'teleport'],
      /^stepforge worker: unknown task "teleport" \(tasks: list-and-publish, consume, action, zip-archive\); usage:/,
    ],
    [
      ['worker', 'action', '--dispatch', 'carrier-pigeon'],
      /^stepforge worker: --dispatch must be one of queue, activity, both, got "carrier-pigeon"\n$/,
    ],
    [
      ['worker', 'action', '--concurrency', 'many'],
      /^stepforge worker: --concurrency must be a whole number, got "many"\n$/,
    ],
    [['worker', 'action', '--speed', '3'], /^stepforge worker: unknown option --speed\n$/],
    [['worker', 'consume', '--from-queue'], /^stepforge worker: task "consume" has no --from-queue mode\n$/],
    [['run', 'action'], /^stepforge run: --input is required; usage:/],
    [['run', 'action', '--input', '{nope'], /^stepforge run: --input is not valid JSON: /],
    [
      ['run', 'action', '--input', '@/no/such/file.json'],
      /^stepforge run: --input @\/no\/such\/file.json: cannot read the file/,
    ],
  ];
  // Independent runs, started together so their start-ups overlap.
  const results = await Promise.all(cases.map(([args]) => stepforge(...args)));
  for (const [index, [args, pattern]] of cases.entries()) {
    assert.equal(results[index]!.status, 2, args.join(' '));
    assert.match(results[index]!.stderr, pattern, args.join(' '));
  }
});

test('a task failure exits 1 with its error name and cause', async () => {
  const result = await stepforge('run', 'action', '--input', '{"item":{"bucket":"b","key":"k"}}');
  assert.equal(result.status, 1);
  assert.equal(
    result.stderr,
    'stepforge run action: Action.InvalidInput: action: must be a JSON object, got undefined\n',
  );
  assert.equal(result.stdout, '');
});

test("`stepforge run` finds a project's own action and task (from the project's folder)", async () => {
  const cwd = new URL('../fixtures/user-project/', import.meta.url).pathname;
  const env = { ...process.env, NODE_NO_WARNINGS: '1' };
  const [greet, shout, bad] = await Promise.all([
    runStepforge(['run', 'action', '--input', '{"action":{"name":"greet","params":{"name":"Ada"}}}'], { cwd, env }),
    runStepforge(['run', 'shout', '--input', '{"text":"hi"}'], { cwd, env }),
    runStepforge(['run', 'action', '--input', '{"action":{"name":"greet","params":{"nme":"Ada"}}}'], { cwd, env }),
  ]);
  assert.equal(greet.status, 0, greet.stderr);
  assert.deepEqual(JSON.parse(greet.stdout), { greeting: 'Hello, Ada!' });
  assert.equal(shout.status, 0, shout.stderr);
  assert.deepEqual(JSON.parse(shout.stdout), { shouted: 'HI' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /stepforge run action: Action\.InvalidInput: action\.params\.name: is required\n$/);
});
