// The package as a user gets it (issue 12): packed, `npx stepforge init` from the tarball in a folder outside the
// repository, installed, then in that project against LocalStack: generate, deploy, start hello through the user's
// own action in `stepforge worker`, history, the server's GET /workflows, the project's own `npm test`; and a smoke
// of the installed CLI, library and action worker under Node 22, Node 24, Bun and Deno. One tarball and one project
// for the file.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../support/free-port.ts';
import { eventually, uniqueName } from '../support/localstack.ts';
import { nodeBinary } from '../support/package/node-runtimes.ts';
import { type InstalledProject, initAndInstall, packStepforge } from '../support/package/packed-project.ts';
import { type CommandResult, cleanEnv, runCommand } from '../support/package/run-command.ts';

const root = new URL('../../', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'stepforge-package-'));
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const awsEnv = cleanEnv({
  AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566',
  AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
  AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'test',
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
});
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

let project: InstalledProject;
const stepforge = (args: readonly string[], runtime: readonly string[] = ['node']): Promise<CommandResult> =>
  runCommand(runtime[0]!, [...runtime.slice(1), 'node_modules/stepforge/bin/stepforge.mjs', ...args], {
    cwd: project.dir,
    env: awsEnv,
  });

/** `stepforge worker action` of the installed package under `runtime`, with its output kept for a failure message. */
function startWorker(runtime: readonly string[], build = 'build'): ChildProcess & { output(): string } {
  // SIGTERM lets an idle worker's long poll run on (up to 20 s) until its grace ends: a short grace keeps each stop short.
  const worker = ['worker', 'action', '--build', build, '--grace-seconds', '3'];
  const child = spawn(runtime[0]!, [...runtime.slice(1), 'node_modules/stepforge/bin/stepforge.mjs', ...worker], {
    cwd: project.dir,
    env: awsEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr])
    stream.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  return Object.assign(child, { output: () => output });
}

/** SIGTERM, then the exit code (null after a SIGKILL: it did not stop within 30 s). */
async function stopWorker(child: ChildProcess | undefined): Promise<number | null> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** The final `{"status": ...}` line `start --wait` prints. */
function finalStatus(result: CommandResult): { status: string; error?: string; cause?: string } {
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as { status: string };
  } catch {
    throw new Error(`start --wait printed no final status (exit ${result.status}): ${result.stdout}${result.stderr}`);
  }
}

// Every public entry point, loaded as a user's module would, and the in-process runner on a workflow built in JS.
const ENTRY_POINTS = `
import { workflow } from 'stepforge';
import { aws } from 'stepforge';
import { createApp } from 'stepforge/server';
import { runWorker } from 'stepforge/tasks';
import { runWorkflow } from 'stepforge/testing';
const wf = workflow('entry-points');
wf.task('Greet', { resource: 'arn:aws:states:::lambda:invoke', parameters: { 'name.$': '$.name' } });
const run = await runWorkflow(wf, { name: 'Ada' }, { tasks: { Greet: ({ input }) => ({ greeting: 'Hello, ' + input.name + '!' }) } });
const entries = [workflow, createApp, runWorker, aws.createAwsClients].map((value) => typeof value);
console.log(JSON.stringify({ status: run.status, output: run.output, entries }));
`;

before(async () => {
  const tarball = await packStepforge(scratch);
  project = await initAndInstall(tarball, scratch, 'hello-project');
  writeFileSync(join(project.dir, 'entry-points.mjs'), ENTRY_POINTS);
});
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('the packed package', () => {
  it('holds dist/, bin/ and templates/, not the sources or the tests; sizes and setup times', (t) => {
    const { files } = project.tarball;
    for (const entry of [
      'bin/stepforge.mjs',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/dsl/workflow.js.map',
      'dist/tasks-entry.js',
      // The user-action path of `stepforge worker`: defineAction, discovery of actions/, the tsx-scoped import.
      'dist/tasks/define/define-action.js',
      'dist/tasks/project/discover.js',
      'dist/user-code/import-user-module.js',
      'dist/testing/task-containers/fakes.js',
      'dist/server/node.js',
      'dist/cli/main.js',
      'dist/localstack/requirements.lock',
      'templates/init/workflows/hello.ts',
      'templates/init/gitignore',
      'templates/init/actions/greet.ts',
      'templates/init/stepforge-env.d.ts',
    ])
      assert.ok(files.includes(entry), `${entry} is in the tarball`);
    assert.deepEqual(
      files.filter((file) => /^(src|test|tasks|bench|scripts|workflows)\//.test(file)),
      [],
      'no sources, tests or examples',
    );
    // A dependency the build would inline (miniflare, a 20 MB optional peer, once was) stays out of dist/.
    assert.deepEqual(
      files.filter((file) => file.includes('node_modules/')),
      [],
      'no bundled dependencies',
    );
    t.diagnostic(
      `packed ${mb(project.tarball.packedBytes)}, unpacked ${mb(project.tarball.unpackedBytes)}, installed stepforge ` +
        `${mb(project.stepforgeBytes)}, node_modules ${mb(project.installedBytes)}; pack ${Math.round(project.tarball.ms)} ms, ` +
        `init ${Math.round(project.initMs)} ms, install ${Math.round(project.installMs)} ms`,
    );
  });

  it("the new project's own `npm test` passes: the real greet action and the mocked step", async () => {
    const tested = await runCommand('npm', ['test'], { cwd: project.dir, env: cleanEnv() });
    assert.equal(tested.status, 0, tested.stdout + tested.stderr);
    assert.match(tested.stdout, /^# pass 2$/m);
  });

  // Issue 15: the runner is usable from Vitest, Bun's and Deno's test runners too, not only node:test. One body, three
  // frameworks' own test and assertion APIs; it runs the real greet action through the task-container fakes.
  describe('stepforge/testing under other test runners', () => {
    const body = (assertOutput: string) => `
      const fakes = taskContainerFakes({ s3: new MemoryS3(), sqs: new MemorySqs() }, { actions: [greet] });
      const run = await runWorkflow(hello, { name: 'Ada' }, { tasks: fakes });
      ${assertOutput}`;
    const imports = `
import { MemoryS3, runWorkflow } from 'stepforge/testing';
import { MemorySqs, taskContainerFakes } from 'stepforge/testing/task-containers';
import greet from '../actions/greet.ts';
import { hello } from '../workflows/hello.ts';`;
    const expectOutput =
      "expect(run.status).toBe('SUCCEEDED'); expect(run.output).toEqual({ greeting: 'Hello, Ada!' });";
    const frameworks: Record<string, { file: string; source: string; command: () => string[]; passed: RegExp }> = {
      Vitest: {
        file: 'hello.vitest.test.ts',
        source: `import { expect, test } from 'vitest';${imports}\ntest('hello under Vitest', async () => {${body(expectOutput)}\n});\n`,
        command: () => [
          process.execPath,
          join(root, 'node_modules/vitest/vitest.mjs'),
          'run',
          'frameworks/hello.vitest.test.ts',
        ],
        passed: /Tests\s+1 passed/,
      },
      'bun test': {
        file: 'hello.bun.test.ts',
        source: `import { expect, test } from 'bun:test';${imports}\ntest('hello under bun test', async () => {${body(expectOutput)}\n});\n`,
        command: () => [bin('bun'), 'test', './frameworks/hello.bun.test.ts'],
        passed: /\b1 pass\b/,
      },
      'deno test': {
        file: 'hello.deno.test.ts',
        source: `import assert from 'node:assert/strict';${imports}\nDeno.test('hello under deno test', async () => {${body(
          "assert.equal(run.status, 'SUCCEEDED'); assert.deepEqual(run.output, { greeting: 'Hello, Ada!' });",
        )}\n});\n`,
        // --no-check: Deno's checker would type-check the installed package's .d.ts graph anew; the project's own
        // `tsc --noEmit` below checks what this file calls (test/hello.test.ts makes the same calls).
        command: () => [bin('deno'), 'test', '-A', '--no-check', 'frameworks/hello.deno.test.ts'],
        passed: /ok \| 1 passed/,
      },
    };
    for (const [label, framework] of Object.entries(frameworks)) {
      it(`${label} runs the hello workflow in-process`, async () => {
        mkdirSync(join(project.dir, 'frameworks'), { recursive: true });
        writeFileSync(join(project.dir, 'frameworks', framework.file), framework.source);
        const [command, ...args] = framework.command();
        const result = await runCommand(command!, args, { cwd: project.dir, env: { ...cleanEnv(), NO_COLOR: '1' } });
        const output = result.stdout + result.stderr;
        assert.equal(result.status, 0, output);
        assert.match(output, framework.passed);
      });
    }
  });

  it('the new project type-checks (`npx tsc --noEmit`: the installed .d.ts, stepforge-env.d.ts typing greet)', async () => {
    const checked = await runCommand('npx', ['--no-install', 'tsc', '--noEmit'], { cwd: project.dir, env: cleanEnv() });
    assert.equal(checked.status, 0, checked.stdout + checked.stderr);
  });

  it('generate compiles workflows/hello.ts into build/, with its input schema from the TypeScript type', async () => {
    const generated = await stepforge(['generate']);
    assert.equal(generated.status, 0, generated.stderr);
    assert.equal(generated.stderr, '', 'no warnings: asl-validator came with the install');
    const asl = JSON.parse(readFileSync(join(project.dir, 'build/asl/hello.asl.json'), 'utf8')) as { StartAt: string };
    assert.equal(asl.StartAt, 'Greet');
    const schema = JSON.parse(readFileSync(join(project.dir, 'build/schema/hello.input.json'), 'utf8')) as {
      required?: string[];
    };
    assert.deepEqual(schema.required, ['name']);
    assert.ok(existsSync(join(project.dir, 'serverless-localstack.yml')));
  });

  it('without the optional asl-validator, generate says the second opinion was skipped', async () => {
    const installed = join(project.dir, 'node_modules/asl-validator');
    const hidden = `${installed}.hidden`;
    renameSync(installed, hidden);
    try {
      const generated = await stepforge(['generate', '--out', 'build-without-validator']);
      assert.equal(generated.status, 0, generated.stderr);
      assert.match(generated.stderr, /asl-validator is not installed, so the second opinion .* was skipped/);
    } finally {
      renameSync(hidden, installed);
    }
  });

  it("import writes a module that imports 'stepforge'", async () => {
    const definition = { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } };
    writeFileSync(join(project.dir, 'done.asl.json'), JSON.stringify(definition));
    const imported = await stepforge(['import', 'done.asl.json']);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /from 'stepforge';/);
  });
});

describe('the new project against LocalStack', () => {
  const prefix = `${uniqueName('pkg')}-`;
  let worker: ChildProcess | undefined;
  let started: { name: string; result: CommandResult };
  let deployMs = 0;

  before(async () => {
    const deployed = await stepforge(['deploy', '--prefix', prefix]);
    assert.equal(deployed.status, 0, deployed.stderr);
    assert.match(deployed.stdout, new RegExp(`created\\s+state machine\\s+${prefix}hello`));
    deployMs = deployed.ms;
    worker = startWorker([process.execPath]);
    const result = await stepforge(['start', 'hello', '--input', '{"name":"Ada"}', '--wait']);
    const name = /^started (\S+);/m.exec(result.stderr + result.stdout)?.[1];
    assert.ok(name, result.stdout + result.stderr);
    started = { name, result };
  });
  after(() => stopWorker(worker));

  it("start hello --wait SUCCEEDS through the user's own greet action run by `stepforge worker action`", () => {
    const status = finalStatus(started.result);
    assert.equal(status.status, 'SUCCEEDED', JSON.stringify(status) + started.result.stderr);
    assert.equal(started.result.status, 0);
    assert.match(started.result.stdout, /Hello, Ada!/);
  });

  it('history prints the Greet step of that execution', async (t) => {
    const firstRun = project.initMs + project.installMs + deployMs + started.result.ms;
    t.diagnostic(
      `deploy ${Math.round(deployMs)} ms, first start --wait ${Math.round(started.result.ms)} ms; ` +
        `init + install + deploy + first start ${Math.round(firstRun)} ms`,
    );
    const history = await stepforge(['history', 'hello', started.name]);
    assert.equal(history.status, 0, history.stderr);
    assert.match(history.stdout, /^Greet\s+Task\s+/m);
  });

  it("the server's GET /workflows lists hello with its input schema", async () => {
    const port = await freePort();
    const server = spawn(
      process.execPath,
      ['node_modules/stepforge/bin/stepforge.mjs', 'serve', '--port', String(port)],
      { cwd: project.dir, env: awsEnv, stdio: 'ignore' },
    );
    try {
      const body = await eventually('GET /workflows', async () => {
        const response = await fetch(`http://127.0.0.1:${port}/workflows`).catch(() => undefined);
        return response?.ok
          ? ((await response.json()) as { workflows: { name: string; inputSchema: unknown }[] })
          : undefined;
      });
      assert.deepEqual(
        body.workflows.map((workflow) => workflow.name),
        ['hello'],
      );
      assert.match(JSON.stringify(body.workflows[0]!.inputSchema), /"name"/);
    } finally {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
  });

  it('`npm start` (stepforge dev) deploys and serves hello; Ctrl-C stops it all', async () => {
    const port = await freePort();
    // Its own process group, so that the SIGINT reaches npm and everything under it, as Ctrl-C in a terminal does.
    // Its own build folder and prefix: build/deployment.json stays what the other tests' worker serves.
    const args = ['start', '--', '--port', String(port), '--prefix', `${prefix}dev-`, '--build', 'build-dev'];
    const dev = spawn('npm', args, {
      cwd: project.dir,
      env: awsEnv,
      stdio: 'ignore',
      detached: true,
    });
    const exited = new Promise<number | null>((resolve) => dev.once('exit', resolve));
    try {
      const body = await eventually(
        'GET /workflows from the dev loop',
        async () => {
          const response = await fetch(`http://127.0.0.1:${port}/workflows`).catch(() => undefined);
          return response?.ok ? ((await response.json()) as { workflows: { stateMachineArn: string }[] }) : undefined;
        },
        90_000,
      );
      assert.match(body.workflows[0]!.stateMachineArn, new RegExp(`:stateMachine:${prefix}dev-hello$`));
    } finally {
      process.kill(-dev.pid!, 'SIGINT');
      let deadline: NodeJS.Timeout | undefined;
      const stopped = await Promise.race([
        exited,
        new Promise((resolve) => {
          deadline = setTimeout(resolve, 30_000, 'running');
        }),
      ]);
      clearTimeout(deadline);
      if (stopped === 'running') process.kill(-dev.pid!, 'SIGKILL');
      assert.notEqual(stopped, 'running', 'the dev loop stopped within 30 s of Ctrl-C');
    }
  });

  describe('the installed CLI and library under other runtimes', () => {
    const runtimes: Record<string, () => Promise<string[]>> = {
      'Node 22': async () => [await nodeBinary(22)],
      'Node 24': async () => [await nodeBinary(24)],
      Bun: async () => [bin('bun')],
      Deno: async () => [bin('deno'), 'run', '-A', '--quiet'],
    };
    for (const [label, runtime] of Object.entries(runtimes)) {
      it(`${label}: validate, import, every entry point, deploy, start --wait served by its own worker`, async () => {
        const command = await runtime();
        const out = `build-${label.replace(' ', '').toLowerCase()}`;
        const [validated, generated, imported] = await Promise.all([
          stepforge(['validate'], command),
          stepforge(['generate', '--out', out], command),
          stepforge(['import', 'done.asl.json'], command),
        ]);
        assert.equal(validated.status, 0, validated.stderr);
        assert.match(validated.stdout, /1 workflow\(s\) valid/);
        assert.equal(generated.status, 0, generated.stderr);
        assert.ok(existsSync(join(project.dir, out, 'serverless-localstack.yml')), '--out holds the Serverless file');
        assert.match(imported.stdout, /from 'stepforge';/);

        const library = await runCommand(command[0]!, [...command.slice(1), 'entry-points.mjs'], {
          cwd: project.dir,
          env: awsEnv,
        });
        assert.equal(library.status, 0, library.stderr);
        assert.deepEqual(JSON.parse(library.stdout), {
          status: 'SUCCEEDED',
          output: { greeting: 'Hello, Ada!' },
          entries: ['function', 'function', 'function', 'function'],
        });

        // Its own deployment (queues named by its own prefix), so its own worker is the only one that can serve it.
        // (Taking turns on one queue used to cost a minute each, when SIGTERM cut a worker's long poll and the dead poll
        // was still handed the next message; a stopping worker now lets its poll return and hands such a message back,
        // tasks/README.md "A stopped worker's last poll".)
        const deployed = await stepforge(['deploy', '--build', out, '--prefix', `${prefix}${out}-`], command);
        assert.equal(deployed.status, 0, deployed.stderr);
        const ownWorker = startWorker(command, out);
        try {
          const run = await stepforge(
            ['start', 'hello', '--build', out, '--input', '{"name":"Ada"}', '--wait'],
            command,
          );
          assert.equal(finalStatus(run).status, 'SUCCEEDED', run.stdout + run.stderr + ownWorker.output());
          assert.match(run.stdout, /Hello, Ada!/);
        } finally {
          assert.equal(await stopWorker(ownWorker), 0, `the ${label} worker stops cleanly:\n${ownWorker.output()}`);
        }
      });
    }
  });
});
