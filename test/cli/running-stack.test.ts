// How `stepforge start|history|deploy|worker|run` find this project's running LocalStack when AWS_ENDPOINT_URL is
// unset: the records of a live dev loop for this project first, then a LocalStack pid file of the state folder.
// Fake processes stand in for a dev loop and a LocalStack (their command lines are what the records are checked by).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import { findRunningStack, projectPath, writeStackRecord } from '../../src/localstack/index.ts';

const root = new URL('../..', import.meta.url).pathname;
const children: ChildProcess[] = [];

/**
 * A process whose command line carries `args` (and that lives until killed). `spawn` returns after the fork, before
 * the exec: until then /proc/<pid>/cmdline is this test's own, so wait for the child's to show.
 */
function fakeProcess(...args: string[]): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', ...args], { stdio: 'ignore' });
  children.push(child);
  const pid = child.pid!;
  const deadline = Date.now() + 10_000;
  while (!commandLine(pid).includes(args[0]!)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} never showed ${args.join(' ')} in its command line`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
  return pid;
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

after(() => {
  for (const child of children) child.kill('SIGKILL');
});

describe('findRunningStack', () => {
  let state: string;
  let project: string;
  const saved = process.env.STEPFORGE_STATE_DIR;
  beforeEach(() => {
    state = mkdtempSync(join(tmpdir(), 'stepforge-discovery-state-'));
    project = mkdtempSync(join(tmpdir(), 'stepforge-discovery-project-'));
    process.env.STEPFORGE_STATE_DIR = state;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.STEPFORGE_STATE_DIR;
    else process.env.STEPFORGE_STATE_DIR = saved;
    rmSync(state, { recursive: true, force: true });
    rmSync(project, { recursive: true, force: true });
  });

  test('nothing recorded: nothing found', () => {
    assert.equal(findRunningStack(project), undefined);
  });

  test("a live dev loop of this project is found; another project's is not", () => {
    const other = fakeProcess('stepforge', 'dev');
    writeStackRecord({
      pid: other,
      project: '/somewhere/else',
      endpoint: 'http://127.0.0.1:4001',
      api: 'http://127.0.0.1:8787',
    });
    assert.equal(findRunningStack(project), undefined);
    const ours = fakeProcess('stepforge', 'dev');
    writeStackRecord({
      pid: ours,
      project: projectPath(project),
      endpoint: 'http://127.0.0.1:4650',
      api: 'http://127.0.0.1:8788',
    });
    assert.deepEqual(findRunningStack(project), {
      endpoint: 'http://127.0.0.1:4650',
      pid: ours,
      startedBy: 'stepforge dev',
    });
  });

  test('the record of a loop that is gone (or a reused pid that is no dev loop) is ignored and removed', () => {
    const notALoop = fakeProcess('something', 'else');
    const path = writeStackRecord({
      pid: notALoop,
      project: projectPath(project),
      endpoint: 'http://127.0.0.1:4650',
      api: 'x',
    });
    assert.equal(findRunningStack(project), undefined);
    assert.equal(existsSync(path), false);
  });

  test('without a dev loop, a LocalStack recorded by `stepforge localstack start` is found, the default port first', () => {
    mkdirSync(join(state, 'localstack'), { recursive: true });
    writeFileSync(join(state, 'localstack', 'localstack-4650.pid'), `${fakeProcess('localstack.runtime.main')}\n`);
    const found = findRunningStack(project);
    assert.equal(found?.endpoint, 'http://127.0.0.1:4650');
    assert.equal(found?.startedBy, 'stepforge localstack start');
    writeFileSync(join(state, 'localstack', 'localstack.pid'), `${fakeProcess('localstack.runtime.main')}\n`);
    assert.equal(findRunningStack(project)?.endpoint, 'http://127.0.0.1:4566');
  });

  test('a dead LocalStack pid file is no LocalStack (and is removed)', () => {
    mkdirSync(join(state, 'localstack'), { recursive: true });
    writeFileSync(join(state, 'localstack', 'localstack-4650.pid'), '999999999\n');
    assert.equal(findRunningStack(project), undefined);
    assert.equal(existsSync(join(state, 'localstack', 'localstack-4650.pid')), false);
  });
});

describe('the CLI with AWS_ENDPOINT_URL unset', () => {
  function start(state: string, cwd: string, extra: NodeJS.ProcessEnv = {}) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      STEPFORGE_STATE_DIR: state,
      AWS_EC2_METADATA_DISABLED: 'true',
      ...extra,
    };
    for (const name of ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'])
      delete env[name];
    return spawnSync(process.execPath, [join(root, 'bin/stepforge.mjs'), 'start', 'greeter'], {
      cwd,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
  }

  function projectWithDeployment(): string {
    const dir = mkdtempSync(join(tmpdir(), 'stepforge-discovery-cli-'));
    mkdirSync(join(dir, 'build'));
    const arn = 'arn:aws:states:us-east-1:000000000000:stateMachine:greeter';
    writeFileSync(
      join(dir, 'build', 'deployment.json'),
      JSON.stringify({
        endpoint: null,
        region: 'us-east-1',
        prefix: '',
        workflows: { greeter: { stateMachineArn: arn, asl: 'asl/greeter.asl.json', tasks: [] } },
        activities: {},
        queues: {},
        buckets: {},
      }),
    );
    return dir;
  }

  test('with nothing running, behaviour is unchanged: no line, the AWS SDK looks for credentials as before', () => {
    const state = mkdtempSync(join(tmpdir(), 'stepforge-discovery-empty-'));
    const project = projectWithDeployment();
    try {
      const result = start(state, project);
      assert.equal(result.status, 1, result.stderr);
      assert.doesNotMatch(result.stderr, /using LocalStack/);
      assert.match(result.stderr, /credential/i);
    } finally {
      rmSync(state, { recursive: true, force: true });
      rmSync(project, { recursive: true, force: true });
    }
  });

  test('with a dev loop recorded for the project, it says which LocalStack it uses in one line and goes there', () => {
    const state = mkdtempSync(join(tmpdir(), 'stepforge-discovery-loop-'));
    const project = projectWithDeployment();
    // A dev loop whose endpoint refuses connections: the command must go there (and fail there), not to AWS.
    const loop = fakeProcess('stepforge', 'dev');
    try {
      writeStackRecord(
        { pid: loop, project: projectPath(project), endpoint: 'http://127.0.0.1:9', api: 'x' },
        { STEPFORGE_STATE_DIR: state },
      );
      const result = start(state, project);
      const lines = result.stderr.split('\n').filter(Boolean);
      assert.equal(lines[0], `using LocalStack at http://127.0.0.1:9 (started by stepforge dev, pid ${loop})`);
      assert.equal(result.status, 1);
      assert.match(result.stderr, /ECONNREFUSED/);
    } finally {
      rmSync(state, { recursive: true, force: true });
      rmSync(project, { recursive: true, force: true });
    }
  });
});
