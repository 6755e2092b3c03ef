// A project's own action and task, end to end on LocalStack, as a user's project has them: the fixture project
// (stepforge.config.ts, actions/greet.ts, tasks/shout.ts, workflows/hello.ts) copied outside the repository with
// `stepforge` installed as a link, generated and deployed, its workers started from the project's folder
// (`stepforge worker action`, `stepforge worker shout` find the project's definitions), executions run to their end.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Deployment, deploy } from '../../src/deploy/index.ts';
import { generate, hasErrors } from '../../src/generator/index.ts';
import { removeDeployment, uniquePrefix } from '../deploy/fixture-build.ts';
import { clients, quietLogger } from '../support/tasks/aws.ts';
import { projectRoot, type RunningProcess, startProcess } from '../support/tasks/processes.ts';
import { runExecution } from '../support/e2e/harness.ts';

const fixture = fileURLToPath(new URL('../fixtures/user-project/', import.meta.url));
let project: string;
let buildDir: string;
let deployment: Deployment | undefined;
const workers: RunningProcess[] = [];

/** The fixture as an installed project: its own folder, `node_modules/stepforge` a link to this package. */
function installFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sf-user-project-'));
  cpSync(fixture, dir, { recursive: true });
  // As `stepforge init` writes it: an ES module project (without "type": "module" its .ts files load as CommonJS).
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(projectRoot, join(dir, 'node_modules/stepforge'), 'dir');
  symlinkSync(join(projectRoot, 'node_modules/@aws-sdk'), join(dir, 'node_modules/@aws-sdk'), 'dir');
  return dir;
}

function startProjectWorker(task: string): RunningProcess {
  const bin = join(projectRoot, 'bin/stepforge.mjs');
  const args = [bin, 'worker', task, '--build', buildDir, '--grace-seconds', '5'];
  return startProcess(process.execPath, args, {}, project);
}

before(async () => {
  project = installFixture();
  buildDir = join(project, 'build');
  const outcome = await generate({ projectRoot: project, outDir: 'build', secondOpinion: false });
  assert.ok(!hasErrors(outcome.findings), JSON.stringify(outcome.findings));
  for (const [path, text] of outcome.files) {
    const absolute = resolve(project, path);
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, text);
  }
  ({ deployment } = await deploy({ buildDir, prefix: uniquePrefix('user'), clients, logger: quietLogger }));
  workers.push(startProjectWorker('action'), startProjectWorker('shout'));
  await Promise.all(workers.map((worker) => worker.waitForOutput(/"msg":"worker started"/)));
});

after(async () => {
  for (const worker of workers) worker.kill('SIGTERM');
  const codes = await Promise.all(workers.map((worker) => worker.exited));
  if (deployment) await removeDeployment(clients, deployment);
  rmSync(project, { recursive: true, force: true });
  assert.deepEqual(codes, [0, 0], workers.map((worker) => worker.output()).join('\n'));
});

function stateMachineArn(): string {
  return deployment!.workflows['user-hello']!.stateMachineArn;
}

test('deploy creates the queues of the user action and task like the built-ins', () => {
  assert.deepEqual(deployment!.workflows['user-hello']!.tasks, ['action', 'shout']);
  const queues = Object.keys(deployment!.queues).sort();
  assert.ok(queues.includes('stepforge-shout-tasks') && queues.includes('stepforge-action-tasks'), queues.join(', '));
});

test("the user's action and task run on their workers: SUCCEEDED with the greeting and the shout", async () => {
  const result = await runExecution(stateMachineArn(), { name: 'Ada' }, 90_000);
  assert.equal(result.status, 'SUCCEEDED', `${result.error}: ${result.cause}`);
  assert.deepEqual(result.output, { greeting: 'Hello, Ada!', shout: { shouted: 'HELLO, ADA! HELLO, ADA!' } });
});

test('a bad param fails the execution with Action.InvalidInput naming action.params.name', async () => {
  const result = await runExecution(stateMachineArn(), { name: '' }, 90_000);
  assert.equal(result.status, 'FAILED');
  assert.equal(result.error, 'Action.InvalidInput');
  assert.match(result.cause ?? '', /^action\.params\.name: /);
});
