// defineAction/defineTask and the discovery of a project's own actions and tasks, without LocalStack: params and
// inputs validated with the project's validator (or a Standard Schema one) into named errors, the params kind of the
// action task, the task timeout, and the config/duplicate rules of discovery.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  type AnyTaskDefinition,
  defineAction,
  defineTask,
  loadProjectTasks,
  type StandardSchemaV1,
} from '../../tasks/index.ts';
import { executeTask } from '../../tasks/runtime/index.ts';
import { directContext } from '../support/tasks/aws.ts';

const fixtureProject = fileURLToPath(new URL('../fixtures/user-project/', import.meta.url));

async function outcomeOf(task: AnyTaskDefinition, input: unknown) {
  return executeTask(task, input, directContext());
}

describe('a project fixture (stepforge.config.ts, actions/, tasks/)', async () => {
  const project = await loadProjectTasks(fixtureProject);

  test('is found next to the built-ins, with where each definition came from', () => {
    assert.deepEqual(Object.keys(project.tasks), ['list-and-publish', 'consume', 'action', 'zip-archive', 'shout']);
    assert.deepEqual([...project.actions.keys()].sort(), [
      'daily-merge',
      'greet',
      'http-post',
      'object-size',
      's3-copy',
    ]);
    assert.equal(project.origins.actions.get('greet'), 'actions/greet.ts');
    assert.equal(project.origins.tasks.get('shout'), 'tasks/shout.ts');
  });

  test('the action task runs a params action once and its result is the output', async () => {
    const outcome = await outcomeOf(project.tasks.action!, { action: { name: 'greet', params: { name: 'Ada' } } });
    assert.deepEqual(outcome, { ok: true, output: { greeting: 'Hello, Ada!' } });
  });

  test('a bad param is Action.InvalidInput naming action.params.<field>', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, 'action.params.name: is required'],
      [{ name: 7 }, 'action.params.name: must be string, got number'],
      [{ name: 'Ada', shout: true }, 'action.params.shout: is not an allowed field'],
    ];
    for (const [params, cause] of cases) {
      const outcome = await outcomeOf(project.tasks.action!, { action: { name: 'greet', params } });
      assert.deepEqual(outcome, { ok: false, error: 'Action.InvalidInput', cause }, JSON.stringify(params));
    }
  });

  test('item is refused for a params action and required for an object action', async () => {
    const greet = await outcomeOf(project.tasks.action!, {
      action: { name: 'greet', params: { name: 'Ada' } },
      item: { bucket: 'b', key: 'k' },
    });
    assert.deepEqual(greet, {
      ok: false,
      error: 'Action.InvalidInput',
      cause: 'item: action "greet" takes no object; leave item out',
    });
    const size = await outcomeOf(project.tasks.action!, { action: { name: 'object-size' } });
    assert.deepEqual(size, {
      ok: false,
      error: 'Action.InvalidInput',
      cause: 'item: must be a JSON object, got undefined',
    });
  });

  test('consume refuses a params action, naming action.name', async () => {
    const outcome = await outcomeOf(project.tasks.consume!, {
      queueUrl: 'http://127.0.0.1:1/000000000000/q',
      action: { name: 'greet', params: { name: 'Ada' } },
    });
    assert.deepEqual(outcome, {
      ok: false,
      error: 'Consume.InvalidInput',
      cause: 'action.name: action "greet" takes no object: run it with the action task',
    });
  });

  test('a user task validates its input with errors named after it, and keeps its worker defaults', async () => {
    const shout = project.tasks.shout!;
    assert.equal(shout.errorPrefix, 'Shout');
    assert.deepEqual(shout.workerDefaults, { heartbeatSeconds: 5, concurrency: undefined });
    assert.deepEqual(await outcomeOf(shout, { text: 'hi', times: 2 }), { ok: true, output: { shouted: 'HI HI' } });
    assert.deepEqual(await outcomeOf(shout, { text: 'hi', times: 9 }), {
      ok: false,
      error: 'Shout.InvalidInput',
      cause: 'times: must be <= 5',
    });
  });
});

/** A minimal Standard Schema validator, shaped as zod/valibot/arktype expose theirs. */
function standardSchema<T>(check: (value: unknown) => StandardSchemaV1.Result<T>): StandardSchemaV1<T, T> {
  return { '~standard': { version: 1, vendor: 'test', validate: check } };
}

describe('Standard Schema params', () => {
  const email = standardSchema<{ to: string[] }>((value) => {
    const to = (value as { to?: unknown }).to;
    if (Array.isArray(to) && to.every((entry) => typeof entry === 'string' && entry.includes('@')))
      return { value: { to } };
    return { issues: [{ message: 'must be an e-mail address', path: ['to', { key: 1 }] }] };
  });
  const notify = defineAction({
    name: 'notify',
    params: email,
    run: async ({ params }) => ({ sent: params.to.length }),
  });
  const task = (async () =>
    (await import('../../tasks/project/index.ts')).combineTasks([{ definition: notify, origin: 'x.ts' }], []))();

  test('issues name the field path from action.params', async () => {
    const { tasks } = await task;
    const outcome = await outcomeOf(tasks.action!, { action: { name: 'notify', params: { to: ['a@b', 'nope'] } } });
    assert.deepEqual(outcome, {
      ok: false,
      error: 'Action.InvalidInput',
      cause: 'action.params.to[1]: must be an e-mail address',
    });
    const ok = await outcomeOf(tasks.action!, { action: { name: 'notify', params: { to: ['a@b'] } } });
    assert.deepEqual(ok, { ok: true, output: { sent: 1 } });
  });
});

test('defineTask timeoutSeconds aborts the run and fails with <Prefix>.Timeout', async () => {
  let aborted = false;
  const slow = defineTask({
    name: 'slow-thing',
    input: { type: 'object' },
    timeoutSeconds: 1,
    run: (_input, { signal }) =>
      new Promise((resolve) => {
        signal.addEventListener('abort', () => {
          aborted = true;
          resolve('late');
        });
      }),
  });
  const outcome = await outcomeOf(slow, {});
  assert.deepEqual(outcome, {
    ok: false,
    error: 'SlowThing.Timeout',
    cause: 'the task ran longer than its timeoutSeconds (1)',
  });
  assert.equal(aborted, true);
});

test('names must be lower-case with dashes', () => {
  assert.throws(
    () => defineAction({ name: 'Greet', params: { type: 'object' }, run: async () => ({}) }),
    /defineAction: name "Greet" must be lower-case letters, digits and dashes/,
  );
  assert.throws(
    () => defineTask({ name: 'a_b', input: { type: 'object' }, run: async () => ({}) }),
    /defineTask: name "a_b" must be lower-case/,
  );
});

describe('discovery rules', () => {
  const root = mkdtempSync(join(tmpdir(), 'sf-user-project-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const tasksModule = fileURLToPath(new URL('../../tasks/index.ts', import.meta.url));
  const action = (name: string) =>
    `import { defineAction } from ${JSON.stringify(tasksModule)};\nexport default defineAction({ name: '${name}', params: { type: 'object' }, run: async () => ({}) });\n`;
  const project = (name: string, files: Record<string, string>) => {
    const dir = join(root, name);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    return dir;
  };

  test('two actions of one name are an error naming both files', async () => {
    const dir = project('dup', { 'actions/a.ts': action('twice'), 'actions/b.ts': action('twice') });
    await assert.rejects(loadProjectTasks(dir), {
      name: 'ProjectError',
      message: 'two actions are named "twice": actions/a.ts and actions/b.ts; rename one',
    });
  });

  test('an action named like a built-in is an error naming both', async () => {
    const dir = project('builtin', { 'actions/copy.ts': action('s3-copy') });
    await assert.rejects(loadProjectTasks(dir), {
      message: 'two actions are named "s3-copy": built-in and actions/copy.ts; rename one',
    });
  });

  test('package.json "stepforge" names the folders; a missing configured folder is named', async () => {
    const dir = project('pkg', {
      'package.json': JSON.stringify({ stepforge: { actions: 'src/my-actions' } }),
      'src/my-actions/hello.ts': action('hello'),
    });
    assert.ok((await loadProjectTasks(dir)).actions.has('hello'));
    const missing = project('pkg-missing', { 'package.json': JSON.stringify({ stepforge: { tasks: 'nowhere' } }) });
    await assert.rejects(loadProjectTasks(missing), /package.json: tasks "nowhere" is not a folder of this project/);
  });

  test('a module that fails to load is named', async () => {
    const dir = project('broken', { 'actions/bad.ts': 'throw new Error("boom");\n' });
    await assert.rejects(loadProjectTasks(dir), { message: 'actions/bad.ts: cannot load it: boom' });
  });
});
