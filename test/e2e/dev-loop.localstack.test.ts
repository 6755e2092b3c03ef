import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { uniquePrefix } from '../deploy/fixture-build.ts';
import { repoRoot } from '../support/e2e/harness.ts';
import { freePort } from '../support/free-port.ts';
import { processesMentioning, runThroughApi, watchOutput } from '../support/e2e/dev-loop.ts';

// `stepforge dev` as a user runs it, in a scratch project: ready banner, API up, an execution through the printed
// route, a redeploy on save, and Ctrl-C stopping every child it started (LocalStack was already running: kept).
const dsl = join(repoRoot, 'src/dsl/index.ts');

function workflowSource(name: string, comment: string): string {
  return `import { workflow } from ${JSON.stringify(dsl)};

export interface Input {
  readonly who: string;
}

export const flow = workflow<Input>(${JSON.stringify(name)}, { comment: ${JSON.stringify(comment)} });
flow.pass('Greet', ({ input }) => ({ parameters: { who: input.who, greeting: 'hello' } }));
`;
}

test('dev: generate + deploy + serve, redeploy on save, Ctrl-C stops what it started', {
  timeout: 300_000,
}, async () => {
  const project = await mkdtemp(join(tmpdir(), 'stepforge-dev-'));
  await mkdir(join(project, 'workflows'));
  // An ESM project like stepforge's own, so the workflow module is loaded as ESM.
  await writeFile(join(project, 'package.json'), '{ "type": "module" }\n');
  const name = 'dev-greeter';
  await writeFile(join(project, 'workflows', 'greeter.ts'), workflowSource(name, 'first'));
  // Not run here: it makes the dev loop start a list-and-publish worker, which Ctrl-C must stop too.
  await writeFile(
    join(project, 'workflows', 'publisher.ts'),
    `import { placeholder, workflow } from ${JSON.stringify(dsl)};
export const publisher = workflow('dev-publisher');
publisher.listAndPublish('Publish', { input: { bucket: placeholder.bucket('dev-data'), queueUrl: placeholder.queueUrl('dev-out') }, dispatch: 'activity' });
`,
  );
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;

  const dev = spawn(
    process.execPath,
    [join(repoRoot, 'bin/stepforge.mjs'), 'dev', '--port', String(port), '--prefix', uniquePrefix('dev')],
    {
      cwd: project,
      env: { ...process.env, DEV_MODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) => dev.on('exit', (code) => resolve(code)));
  const output = watchOutput(dev);
  try {
    await output.next(/stepforge dev is running/, 180_000);
    assert.match(output.text(), /5 created, 0 updated, 0 unchanged/);
    assert.match(output.text(), /workers {5}list-and-publish\n/);
    assert.equal(
      processesMentioning(`worker list-and-publish --dispatch activity --build ${project}`).length,
      1,
      'one worker runs',
    );
    assert.match(
      output.text(),
      new RegExp(
        `curl -sS -X POST ${api}/workflows/${name}/executions -H 'content-type: application/json' -d '\\{"who":"example"\\}'`,
      ),
    );

    const health = (await (await fetch(`${api}/health`)).json()) as { workflows: number };
    assert.equal(health.workflows, 2);
    assert.equal(await runThroughApi(api, name, { who: 'example' }), 'SUCCEEDED');

    // Saving a change regenerates and updates the state machine in place.
    const redeployed = output.next(/redeployed/, 120_000);
    await writeFile(join(project, 'workflows', 'greeter.ts'), workflowSource(name, 'second'));
    await redeployed;
    assert.match(output.text(), /updated\s+state machine\s+\S*dev-greeter \(definition\)/);

    // Deleting a workflow file removes its state machine and activity, keeps its data, and stops its worker.
    const pruned = output.next(/redeployed/, 120_000);
    await rm(join(project, 'workflows', 'publisher.ts'));
    await pruned;
    assert.match(output.text(), /deleted\s+state machine\s+\S*dev-publisher\n/);
    assert.match(output.text(), /deleted\s+activity\s+\S*stepforge-list-and-publish\n/);
    assert.match(output.text(), /retained\s+queue\s+\S*dev-out \(not in the build; may hold data/);
    assert.equal(
      processesMentioning(`worker list-and-publish --dispatch activity --build ${project}`).length,
      0,
      'its worker stopped',
    );
  } finally {
    dev.kill('SIGINT');
  }
  assert.equal(await exited, 0, output.text());
  assert.match(output.text(), /stopped/);
  await assert.rejects(fetch(`${api}/health`), 'the server is gone');
  assert.deepEqual(processesMentioning(project), [], 'no child of the dev loop is left');
});
