import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import YAML from 'yaml';
import { generate, GenerateError, writeOutcome } from '../../src/generator/index.ts';

const fixtures = new URL('../fixtures/generator/', import.meta.url).pathname;
const valid = join(fixtures, 'valid/workflows');
const temporary: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'stepforge-generate-'));
  temporary.push(dir);
  return dir;
};
after(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = readFileSync(join(dir, entry.name), 'utf8');
    }
  };
  walk(root, '');
  return files;
}

describe('generate', () => {
  it('writes every output, and two runs produce identical bytes', async () => {
    const [first, second] = [scratch(), scratch()];
    for (const root of [first, second]) {
      const outcome = await generate({ projectRoot: root, workflowsDir: valid, secondOpinion: false });
      writeOutcome(outcome, root);
    }
    const tree = readTree(first);
    assert.deepEqual(Object.keys(tree).sort(), [
      'build/asl/archive.asl.json',
      'build/asl/archive.asl.yaml',
      'build/asl/showcase.asl.json',
      'build/asl/showcase.asl.yaml',
      'build/diagrams/archive.mmd',
      'build/diagrams/showcase.mmd',
      'build/schema/archive.input.json',
      'build/schema/showcase.input.json',
      'build/stepforge.json',
      'serverless-localstack.yml',
    ]);
    assert.deepEqual(readTree(second), tree);
    for (const [path, text] of Object.entries(tree)) {
      assert.ok(text.endsWith('\n'), `${path} ends with a newline`);
      assert.ok(!/20\d\d-\d\d-\d\dT/.test(text), `${path} holds no timestamp`);
    }
  });

  it('writes ASL fields in canonical order whatever order the definition was built in, and YAML equal to the JSON', async () => {
    const outcome = await generate({ projectRoot: scratch(), workflowsDir: valid, secondOpinion: false });
    const json = outcome.files.get('build/asl/archive.asl.json')!;
    const asl = JSON.parse(json);
    assert.deepEqual(Object.keys(asl), ['Comment', 'StartAt', 'States']);
    assert.deepEqual(Object.keys(asl.States.Zip), ['Type', 'Resource', 'Parameters', 'Retry', 'Catch', 'Next']);
    assert.deepEqual(Object.keys(asl.States.Zip.Retry[0]), [
      'ErrorEquals',
      'IntervalSeconds',
      'MaxAttempts',
      'JitterStrategy',
    ]);
    assert.deepEqual(Object.keys(asl.States.Zip.Catch[0]), ['ErrorEquals', 'ResultPath', 'Next']);
    assert.deepEqual(
      Object.keys(asl.States.Zip.Parameters.MessageBody),
      ['input.$', 'execution.$', 'state.$', 'taskToken.$'],
      "payload order is the author's",
    );
    assert.equal(json, `${JSON.stringify(asl, null, 2)}\n`);
    assert.deepEqual(YAML.parse(outcome.files.get('build/asl/archive.asl.yaml')!), asl);
  });

  it('writes the manifest of the internal contracts', async () => {
    const outcome = await generate({ projectRoot: scratch(), workflowsDir: valid, secondOpinion: false });
    assert.deepEqual(JSON.parse(outcome.files.get('build/stepforge.json')!), {
      workflows: [
        {
          name: 'archive',
          type: 'STANDARD',
          asl: 'asl/archive.asl.json',
          schema: 'schema/archive.input.json',
          diagram: 'diagrams/archive.mmd',
          tasks: ['zip-archive'],
        },
        {
          name: 'showcase',
          type: 'STANDARD',
          asl: 'asl/showcase.asl.json',
          schema: 'schema/showcase.input.json',
          diagram: 'diagrams/showcase.mmd',
          tasks: ['action'],
        },
      ],
      activities: ['stepforge-action'],
      queues: [
        {
          name: 'stepforge-zip-archive-tasks',
          fifo: false,
          dlq: { name: 'stepforge-zip-archive-tasks-dlq', maxReceiveCount: 5 },
        },
      ],
      buckets: ['media-source'],
    });
    const schema = JSON.parse(outcome.files.get('build/schema/archive.input.json')!);
    assert.equal(schema.description, 'What the archive workflow is started with.');
    assert.equal(schema.properties.files.description, 'Files to put in the zip.');
  });

  it('writes a Serverless service for LocalStack with plugins, activities, queues with redrive and buckets', async () => {
    const outcome = await generate({ projectRoot: scratch(), workflowsDir: valid, secondOpinion: false });
    const service = YAML.parse(outcome.files.get('serverless-localstack.yml')!);
    assert.deepEqual(service.plugins, ['serverless-step-functions', 'serverless-localstack']);
    assert.deepEqual(service.custom.localstack.stages, ['local']);
    // No host or port of its own: serverless-localstack takes the endpoint from AWS_ENDPOINT_URL, as stepforge does.
    assert.deepEqual(service.custom.localstack, { stages: ['local'], autostart: false });
    assert.deepEqual(service.stepFunctions.activities, ['stepforge-action']);
    assert.equal(service.stepFunctions.stateMachines.Archive.name, 'archive');
    const archive = JSON.stringify(service.stepFunctions.stateMachines.Archive.definition);
    assert.ok(!/\$\{(activity|queue|queueArn|bucket|stateMachine):/.test(archive), 'no deploy placeholder is left');
    // References resolve in whichever account the stack lands in: the queue's own resource, CloudFormation's pseudo
    // parameters (which need no credentials at package time, unlike Serverless's ${aws:accountId}).
    assert.ok(archive.includes('{"Ref":"QueueStepforgeZipArchiveTasks"}'), archive);
    assert.ok(!archive.includes('000000000000'), 'no account id is baked in');
    const queue = service.resources.Resources.QueueStepforgeZipArchiveTasks;
    assert.equal(queue.Properties.QueueName, 'stepforge-zip-archive-tasks');
    assert.deepEqual(queue.Properties.RedrivePolicy, {
      deadLetterTargetArn: { 'Fn::GetAtt': ['QueueStepforgeZipArchiveTasksDlq', 'Arn'] },
      maxReceiveCount: 5,
    });
    assert.equal(service.resources.Resources.BucketMediaSource.Properties.BucketName, 'media-source');
  });

  it('draws Choice edges labelled, Catch edges dashed, Parallel and Map as subgraphs', async () => {
    const outcome = await generate({ projectRoot: scratch(), workflowsDir: valid, secondOpinion: false });
    const diagram = outcome.files.get('build/diagrams/showcase.mmd')!;
    assert.match(diagram, /^flowchart TD\n/);
    assert.match(diagram, /s0 -->\|"\$states\.input\.mode = 'fast'"\| s2/);
    assert.match(diagram, /s0 -->\|"Default"\| s1/);
    assert.match(diagram, /s2 -\.->\|"States\.ALL"\| s6/);
    assert.match(diagram, /subgraph s2 \["Fan \(Parallel\)"\]/);
    assert.match(diagram, /subgraph s2_b1 \["branch 1"\]/);
    assert.match(diagram, /subgraph s4 \["Each \(Map\)"\]/);
  });

  it('refuses to write anything when a workflow has an error, and names the file and line', async () => {
    const root = scratch();
    const outcome = await generate({
      projectRoot: root,
      workflowsDir: join(fixtures, 'broken/workflows'),
      secondOpinion: false,
    });
    const errors = outcome.findings.filter((finding) => finding.severity === 'error');
    assert.deepEqual(
      errors.map((error) => [error.code, error.location?.line]),
      [
        ['NEXT_NOT_FOUND', 6],
        ['UNREACHABLE_STATE', 7],
      ],
    );
    assert.match(errors[0]!.location!.file, /broken\/workflows\/broken\.ts$/);
    assert.throws(() => writeOutcome(outcome, root), GenerateError);
    assert.deepEqual(readdirSync(root), []);
  });

  it('rejects two workflows of one name, naming both modules', async () => {
    await assert.rejects(
      generate({ projectRoot: scratch(), workflowsDir: join(fixtures, 'duplicate/workflows') }),
      /"same-name".*one\.ts.*two\.ts/,
    );
  });

  it('removes outputs of a workflow that no longer exists, and nothing else', async () => {
    const root = scratch();
    mkdirSync(join(root, 'build/asl'), { recursive: true });
    writeFileSync(join(root, 'build/asl/gone.asl.json'), '{}\n');
    writeFileSync(join(root, 'build/deployment.json'), '{}\n');
    writeOutcome(await generate({ projectRoot: root, workflowsDir: valid, secondOpinion: false }), root);
    assert.ok(!existsSync(join(root, 'build/asl/gone.asl.json')));
    assert.ok(existsSync(join(root, 'build/deployment.json')));
  });
});

describe('generate --target localstack', () => {
  const withProbe = (features: Record<string, { supported: boolean; detail: string }>) => {
    const root = scratch();
    mkdirSync(join(root, '.stepforge/localstack'), { recursive: true });
    writeFileSync(
      join(root, '.stepforge/localstack/probe.json'),
      JSON.stringify({ endpoint: 'http://127.0.0.1:4566', version: '2026.3.0', features }),
    );
    return root;
  };

  it('warns about features the probe found unsupported, and fails on them with --strict', async () => {
    const root = withProbe({
      jsonata: { supported: false, detail: 'no JVM' },
      assign: { supported: true, detail: '' },
      activities: { supported: false, detail: 'x' },
    });
    const loose = await generate({
      projectRoot: root,
      workflowsDir: valid,
      target: 'localstack',
      secondOpinion: false,
    });
    const probeFindings = loose.findings.filter((finding) => finding.code === 'LOCALSTACK_UNSUPPORTED');
    assert.deepEqual(
      probeFindings.map((f) => [f.workflow, f.severity, f.statePath, f.message.split(',')[0]]),
      [
        ['showcase', 'warning', 'Pick', 'uses jsonata'],
        ['showcase', 'warning', 'Fan/branch 1/Each/Act', 'uses activities'],
      ],
    );
    const strict = await generate({
      projectRoot: root,
      workflowsDir: valid,
      target: 'localstack',
      strict: true,
      secondOpinion: false,
    });
    assert.ok(
      strict.findings.some((finding) => finding.code === 'LOCALSTACK_UNSUPPORTED' && finding.severity === 'error'),
    );
    const aws = await generate({ projectRoot: root, workflowsDir: valid, target: 'aws', secondOpinion: false });
    assert.ok(
      !aws.findings.some((finding) => finding.code === 'LOCALSTACK_UNSUPPORTED'),
      'the probe only matters for LocalStack',
    );
  });
});
