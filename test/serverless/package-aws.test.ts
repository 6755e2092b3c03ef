// As far as AWS can go without an account: `osls package` turns the generated serverless-localstack.yml
// (`generate --target aws`) into a CloudFormation template, with no credentials and no network, and that template
// declares what `stepforge deploy` would create: the same state machines, queues with their DLQs, buckets, activities.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MANIFEST_FILE, parseManifest } from '../../src/deploy/index.ts';
import { resolvePlaceholders } from '../../src/generator/write/serverless.ts';
import { packagedTemplate, runOsls, type ScratchProject, scratchProject } from '../support/serverless/osls.ts';

type Resources = Awaited<ReturnType<typeof packagedTemplate>>['Resources'];

let project: ScratchProject;
let resources: Resources;

before(async () => {
  project = await scratchProject('package', 'aws');
  // Not one AWS variable: packaging must not need an account (the deploy stage is not local, so serverless-localstack idles).
  const result = await runOsls(project, ['package', '--stage', 'prod', '--region', 'us-east-1'], {});
  assert.equal(result.code, 0, result.output);
  assert.match(result.output, /Service packaged/);
  resources = (await packagedTemplate(project)).Resources;
});

after(() => rm(project.dir, { recursive: true, force: true }));

function ofType(type: string): Resources[string][] {
  return Object.values(resources).filter((resource) => resource.Type === type);
}

async function manifest() {
  return parseManifest(JSON.parse(await readFile(join(project.buildDir, MANIFEST_FILE), 'utf8')));
}

const LOCAL_SQS = 'http://127.0.0.1:4566/000000000000';

/**
 * What CloudFormation would make of a `DefinitionString` in us-east-1 of account
 * 000000000000, with queue references resolved as LocalStack names queues: the same values the generator's own
 * `resolvePlaceholders` gives the generated ASL.
 */
function substituted(definition: unknown): unknown {
  // serverless-step-functions writes a plain string, `{ Fn::Sub: text }` or `{ Fn::Sub: [text, params] }`.
  if (typeof definition === 'string') return JSON.parse(definition);
  const sub = (definition as { 'Fn::Sub': string | [string, Record<string, unknown>] })['Fn::Sub'];
  const [text, params] = typeof sub === 'string' ? [sub, {}] : sub;
  const queueName = (id: string) =>
    (resources[id]?.Properties?.QueueName as string | undefined) ?? assert.fail(`no queue resource ${id}`);
  const value = (reference: unknown): string => {
    const { Ref, 'Fn::GetAtt': getAtt } = reference as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
    if (Ref) return `${LOCAL_SQS}/${queueName(Ref)}`;
    if (getAtt?.[1] === 'Arn') return `arn:aws:sqs:us-east-1:000000000000:${queueName(getAtt[0])}`;
    return assert.fail(`unexpected reference ${JSON.stringify(reference)}`);
  };
  const resolved = text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    if (name === 'AWS::Region') return 'us-east-1';
    if (name === 'AWS::AccountId') return '000000000000';
    return name in params ? value(params[name]) : assert.fail(`Fn::Sub variable \${${name}} has no value`);
  });
  return JSON.parse(resolved);
}

test('every workflow is a state machine whose definition is the generated ASL once CloudFormation substitutes it', () => {
  const machines = ofType('AWS::StepFunctions::StateMachine');
  assert.deepEqual(
    machines.map((machine) => machine.Properties!.StateMachineName).sort(),
    project.workflows.map((workflow) => workflow.name).sort(),
  );
  for (const workflow of project.workflows) {
    const machine = machines.find((candidate) => candidate.Properties!.StateMachineName === workflow.name)!;
    assert.deepEqual(
      substituted(machine.Properties!.DefinitionString),
      resolvePlaceholders(workflow.asl),
      workflow.name,
    );
    assert.equal(machine.Properties!.StateMachineType ?? 'STANDARD', workflow.type, workflow.name);
    assert.ok(machine.Properties!.RoleArn, `${workflow.name} runs with a role of the stack`);
  }
});

test('the queues are the manifest queues, each DLQ redriven to with its maxReceiveCount and kept 14 days', async () => {
  const queues = ofType('AWS::SQS::Queue');
  const byId = (id: string) => resources[id]!.Properties!;
  const byName = (name: string) =>
    queues.find((queue) => queue.Properties!.QueueName === name)?.Properties ?? assert.fail(`no queue ${name}`);
  const { queues: declared } = await manifest();
  const names = declared.flatMap((queue) => [queue.name, ...(queue.dlq ? [queue.dlq.name] : [])]).sort();
  assert.deepEqual(queues.map((queue) => queue.Properties!.QueueName).sort(), names);
  for (const queue of declared) {
    const properties = byName(queue.name);
    assert.equal(properties.FifoQueue ?? false, queue.fifo, queue.name);
    if (!queue.dlq) {
      assert.equal(properties.RedrivePolicy, undefined, queue.name);
      continue;
    }
    const redrive = properties.RedrivePolicy as {
      deadLetterTargetArn: { 'Fn::GetAtt': [string, string] };
      maxReceiveCount: number;
    };
    const [dlqId, attribute] = redrive.deadLetterTargetArn['Fn::GetAtt'];
    assert.equal(attribute, 'Arn');
    assert.equal(byId(dlqId).QueueName, queue.dlq.name, `${queue.name} redrives to its DLQ`);
    assert.equal(redrive.maxReceiveCount, queue.dlq.maxReceiveCount, queue.name);
    assert.equal(byName(queue.dlq.name).MessageRetentionPeriod, 1209600, queue.dlq.name);
  }
});

test('the buckets and activities are the manifest ones', async () => {
  const { buckets, activities } = await manifest();
  // The framework's own deployment bucket has no fixed name; every bucket of ours has one.
  const named = ofType('AWS::S3::Bucket').flatMap((bucket) =>
    bucket.Properties?.BucketName ? [bucket.Properties.BucketName] : [],
  );
  assert.deepEqual(named.sort(), [...buckets].sort());
  assert.deepEqual(
    ofType('AWS::StepFunctions::Activity')
      .map((activity) => activity.Properties!.Name)
      .sort(),
    [...activities].sort(),
  );
});
