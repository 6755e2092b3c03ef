// `stepforge dev` keeping its stack alive, on a LocalStack of its own (a free port, so the suite's is never touched):
// a worker killed with -9 is restarted and the next execution succeeds; a worker that cannot start is reported as a
// crash loop with its last stderr lines; /health is 503 with the reason while LocalStack is stopped (SIGSTOP) or dead
// and 200 after; state machines deleted under the loop (a LocalStack restarted empty) are redeployed; a LocalStack
// killed under the loop is started again and redeployed, and executions succeed after;
// `stepforge start --wait` from another shell finds the loop's LocalStack with AWS_ENDPOINT_URL unset; Ctrl-C stops
// that LocalStack (its port no longer listens) and the whole loop within 10 s.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DeleteStateMachineCommand } from '@aws-sdk/client-sfn';
import { createSfnClient, readAwsConfig } from '../../src/aws/index.ts';
import { localStackPaths } from '../../src/localstack/index.ts';
import { freePort } from '../support/free-port.ts';
import {
  listening,
  processesMentioning,
  runThroughApi,
  waitFor,
  type WatchedOutput,
  watchOutput,
} from '../support/e2e/dev-loop.ts';
import { repoRoot } from '../support/e2e/harness.ts';

const bin = join(repoRoot, 'bin/stepforge.mjs');
const dsl = join(repoRoot, 'src/dsl/index.ts');
/** The shared venv lives in the state folder; the dev loop's records go there too, keyed by project. */
const stateDir = process.env.STEPFORGE_STATE_DIR ?? join(repoRoot, '.stepforge');

const WORKFLOWS: Record<string, string> = {
  'greeter.ts': `import { workflow } from ${JSON.stringify(dsl)};
export const flow = workflow<{ who: string }>('heal-greeter');
flow.pass('Greet', ({ input }) => ({ parameters: { who: input.who } }));
`,
  // An activity worker that needs no data: an empty bucket publishes nothing and succeeds.
  'publisher.ts': `import { placeholder, workflow } from ${JSON.stringify(dsl)};
export const publisher = workflow('heal-publisher');
publisher.listAndPublish('Publish', {
  input: { bucket: placeholder.bucket('heal-data'), queueUrl: placeholder.queueUrl('heal-out') },
  dispatch: 'activity',
  // A worker killed with -9 leaves its GetActivityTask waiting inside LocalStack, which hands the next task to that
  // dead poll: the heartbeat timeout and the retry give it to the restarted worker.
  heartbeatSeconds: 5,
  timeoutSeconds: 60,
  retry: [{ errors: ['States.HeartbeatTimeout', 'States.Timeout'], maxAttempts: 3, intervalSeconds: 1 }],
});
`,
  // Its worker cannot start (ARCHIVE_BASE_URL is not a URL below): a crash loop.
  'archiver.ts': `import { workflow } from ${JSON.stringify(dsl)};
export const archiver = workflow('heal-archiver');
archiver.zipArchive('Zip', ({ input }) => ({ input, heartbeatSeconds: 30, timeoutSeconds: 120 }));
`,
};

interface HealthBody {
  status: string | number;
  reason?: string;
}

async function health(api: string): Promise<{ code: number; body: HealthBody }> {
  const response = await fetch(`${api}/health`, { signal: AbortSignal.timeout(10_000) });
  return { code: response.status, body: (await response.json()) as HealthBody };
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function workerPids(task: string, project: string): number[] {
  return processesMentioning(`worker ${task} --dispatch`)
    .filter((line) => line.includes(project))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

describe('dev loop keeps its stack alive', { timeout: 400_000 }, () => {
  let project: string;
  let lsPort: number;
  let api: string;
  let dev: ChildProcess;
  let output: WatchedOutput;
  let exited: Promise<number | null>;
  let localStackPid: number;

  before(async () => {
    project = await mkdtemp(join(tmpdir(), 'stepforge-heal-'));
    await mkdir(join(project, 'workflows'));
    await writeFile(join(project, 'package.json'), '{ "type": "module" }\n');
    for (const [file, source] of Object.entries(WORKFLOWS)) await writeFile(join(project, 'workflows', file), source);
    lsPort = await freePort();
    const apiPort = await freePort();
    api = `http://127.0.0.1:${apiPort}`;
    dev = spawn(process.execPath, [bin, 'dev', '--port', String(apiPort)], {
      cwd: project,
      env: {
        ...process.env,
        STEPFORGE_STATE_DIR: stateDir,
        AWS_ENDPOINT_URL: `http://127.0.0.1:${lsPort}`,
        DEV_MODE: '1',
        ARCHIVE_BASE_URL: 'not a url',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => dev.on('exit', (code) => resolve(code)));
    output = watchOutput(dev);
    await output.next(/stepforge dev is running/, 240_000);
    const match = /LocalStack {2}\S+ {2}\(started by this loop, pid (\d+)\)/.exec(output.text());
    assert.ok(match, `the loop started its own LocalStack:\n${output.text()}`);
    localStackPid = Number(match[1]);
  });

  after(async () => {
    // Whatever happened above: nothing this file started may outlive it.
    if (dev.exitCode === null && dev.signalCode === null) {
      dev.kill('SIGINT');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      dev.kill('SIGKILL');
    }
    spawnSync(process.execPath, [bin, 'localstack', 'stop', '--port', String(lsPort)], {
      env: { ...process.env, STEPFORGE_STATE_DIR: stateDir },
    });
    // A port of its own each run: its volume and log would pile up in the shared state folder.
    const paths = localStackPaths(lsPort, { STEPFORGE_STATE_DIR: stateDir });
    await Promise.all([paths.volume, paths.log, project].map((path) => rm(path, { recursive: true, force: true })));
  });

  it('a worker killed with -9 is restarted, and an execution then succeeds', async () => {
    const [pid] = workerPids('list-and-publish', project);
    assert.ok(pid, 'the list-and-publish worker runs');
    const restarted = output.next(/worker list-and-publish restarted \(pid \d+\)/, 60_000);
    process.kill(pid, 'SIGKILL');
    await restarted;
    assert.match(output.text(), /worker list-and-publish exited unexpectedly \(code 1\); restarting it in 0.5 s/);
    assert.notEqual(workerPids('list-and-publish', project)[0], pid);
    assert.equal(await runThroughApi(api, 'heal-publisher', {}), 'SUCCEEDED');
  });

  it('a worker that cannot start is reported as a crash loop, naming it and its last stderr lines', async () => {
    const line = await waitFor('the crash-loop report', 90_000, async () =>
      output
        .text()
        .split('\n')
        .find((text) => text.includes('worker zip-archive is crash-looping: 5 exits in 60 s')),
    );
    assert.match(line, /retrying every 30 s; its last stderr lines: .*ARCHIVE_BASE_URL: is not a valid URL/);
  });

  it("`stepforge start --wait` in another shell finds the loop's LocalStack (AWS_ENDPOINT_URL unset) and says so", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, STEPFORGE_STATE_DIR: stateDir };
    for (const name of ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'])
      delete env[name];
    const result = spawnSync(process.execPath, [bin, 'start', 'heal-greeter', '--input', '{"who":"cli"}', '--wait'], {
      cwd: project,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(
        `^using LocalStack at http://127\\.0\\.0\\.1:${lsPort} \\(started by stepforge dev, pid ${dev.pid}\\)$`,
        'm',
      ),
    );
    assert.match(result.stdout, /"status":"SUCCEEDED"/);
  });

  it('/health is 503 "timeout" while LocalStack is stopped (SIGSTOP) and 200 once it runs again', async () => {
    assert.equal((await health(api)).code, 200);
    process.kill(-localStackPid, 'SIGSTOP');
    try {
      const stopped = await health(api);
      assert.equal(stopped.code, 503);
      assert.equal(stopped.body.reason, 'timeout');
    } finally {
      process.kill(-localStackPid, 'SIGCONT');
    }
    await waitFor('/health 200 after SIGCONT', 30_000, async () =>
      (await health(api)).code === 200 ? true : undefined,
    );
  });

  it('state machines gone from the endpoint (as after a LocalStack restarted empty by someone else) are redeployed', async () => {
    const deployment = JSON.parse(readFileSync(join(project, 'build', 'deployment.json'), 'utf8')) as {
      workflows: Record<string, { stateMachineArn: string }>;
    };
    const sfn = createSfnClient(readAwsConfig({ ...process.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${lsPort}` }));
    const redeployed = output.next(/recovered \(deployment missing\): redeployed and restarted the workers/, 60_000);
    try {
      for (const { stateMachineArn } of Object.values(deployment.workflows))
        await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    } finally {
      sfn.destroy();
    }
    await redeployed;
    assert.match(
      output.text(),
      /the deployment is missing at http:\/\/127\.0\.0\.1:\d+: no state machine for heal-archiver, heal-greeter, heal-publisher \(redeploy\); redeploying/,
    );
    assert.equal(await runThroughApi(api, 'heal-greeter', { who: 'redeployed' }), 'SUCCEEDED');
  });

  it('a LocalStack killed under the loop: /health 503 while it is down, then the loop starts it again and redeploys', async () => {
    const recovered = output.next(/recovered \(LocalStack restarted\): redeployed and restarted the workers/, 180_000);
    process.kill(-localStackPid, 'SIGKILL');
    const down = await waitFor(
      '/health 503 while LocalStack is down',
      30_000,
      async () => {
        const answer = await health(api);
        return answer.code === 503 ? answer.body : undefined;
      },
      100,
    );
    assert.ok(['unreachable', 'timeout'].includes(down.reason!), JSON.stringify(down));
    await recovered;
    assert.match(
      output.text(),
      new RegExp(`LocalStack \\(pid ${localStackPid}\\) is gone; starting it again on port ${lsPort}`),
    );
    await waitFor('/health 200 after the redeploy', 30_000, async () =>
      (await health(api)).code === 200 ? true : undefined,
    );
    assert.equal(await runThroughApi(api, 'heal-greeter', { who: 'again' }), 'SUCCEEDED');
    assert.equal(await runThroughApi(api, 'heal-publisher', {}), 'SUCCEEDED');
  });

  it('Ctrl-C stops the LocalStack it started on its port, and the whole loop, within 10 s', async (t) => {
    const newPid = Number(
      readFileSync(localStackPaths(lsPort, { STEPFORGE_STATE_DIR: stateDir }).pidFile, 'utf8').trim(),
    );
    assert.notEqual(newPid, localStackPid, 'the loop runs a new LocalStack');
    const began = Date.now();
    dev.kill('SIGINT');
    const code = await Promise.race([
      exited,
      new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 10_000)),
    ]);
    const seconds = (Date.now() - began) / 1000;
    t.diagnostic(`Ctrl-C to exit: ${seconds.toFixed(1)} s`);
    t.diagnostic(
      output
        .text()
        .split('\n')
        .filter((line) => /stopping|stopped|killing|did not stop/.test(line))
        .join('\n'),
    );
    assert.equal(code, 0, `exit after SIGINT (${seconds} s):\n${output.text().slice(-3000)}`);
    assert.equal(await listening(lsPort), false, `port ${lsPort} no longer listens`);
    assert.equal(groupAlive(newPid), false, 'the LocalStack process group is gone');
    assert.deepEqual(processesMentioning(project), [], 'no child of the dev loop is left');
    assert.match(output.text(), /stopped in \d+\.\d s/);
  });
});
