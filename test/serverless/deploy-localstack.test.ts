// The generated serverless-localstack.yml deployed by the real Serverless Framework (osls 3 + serverless-step-functions
// + serverless-localstack) to a LocalStack of its own that also runs CloudFormation and IAM. `stepforge deploy` puts
// the same examples beside it under a prefix; the two stacks must hold the same things, and every example runs to
// SUCCEEDED on the Serverless one with the task workers.
//
// `osls remove` deletes the stack but cannot succeed there: it also asks whether the service has a container image
// repository, and LocalStack answers "The API for service ecr is either not included in your current license plan or
// has not yet been emulated by LocalStack" (no ECR in the community edition), so it exits 1 after the stack is gone.
// The last test shows both; clean-up is stopping that LocalStack (community LocalStack keeps nothing across a restart).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { HeadBucketCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand, ListActivitiesCommand, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { createLogger } from '../../src/aws/index.ts';
import { DEPLOYMENT_FILE, type Deployment, readManifest } from '../../src/deploy/index.ts';
import { taskEnvironment } from '../../src/dev/task-environment.ts';
import { startLocalStack, stopLocalStack } from '../../src/localstack/index.ts';
import { freePort } from '../support/free-port.ts';
import { runOsls, type ScratchProject, scratchProject } from '../support/serverless/osls.ts';

const port = await freePort();
const endpoint = `http://127.0.0.1:${port}`;
// The harness's clients and the workers it starts talk to whatever AWS_ENDPOINT_URL names: this test's LocalStack.
process.env.AWS_ENDPOINT_URL = endpoint;
const { clients, deployExamples, runExecution, startWorker } = await import('../support/e2e/harness.ts');
type DeployedExamples = Awaited<ReturnType<typeof deployExamples>>;
type RunningWorker = ReturnType<typeof startWorker>;

const quiet = createLogger({ pretty: false, level: 'error', write: () => {} });
const AWS_ENV = {
  AWS_ENDPOINT_URL: endpoint,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
};

let started = false;
let project: ScratchProject | undefined;
/** What `stepforge deploy` made, under its prefix. */
let stepforge: DeployedExamples;
/** The Serverless stack, as a deployment.json says it: stepforge's with the prefix taken off, checked below. */
let serverless: DeployedExamples;
const workers: RunningWorker[] = [];
let receiver: Server | undefined;

before(async () => {
  await startLocalStack({ port, logger: quiet, services: ['cloudformation', 'iam'] });
  started = true;
  project = await scratchProject('deploy', 'localstack');
  const [deployed, examples] = await Promise.all([
    runOsls(project, ['deploy', '--stage', 'local'], AWS_ENV),
    deployExamples('sls'),
  ]);
  assert.equal(deployed.code, 0, deployed.output);
  assert.match(deployed.output, /Service deployed to stack stepforge-local/);
  stepforge = examples;
  const deployment = JSON.parse(JSON.stringify(stepforge.deployment).replaceAll(stepforge.prefix, '')) as Deployment;
  serverless = { buildDir: project.buildDir, prefix: '', deployment };
  await writeFile(join(project.buildDir, DEPLOYMENT_FILE), `${JSON.stringify(deployment, null, 2)}\n`);
});

after(async () => {
  const codes = await Promise.all(workers.map((worker) => worker.stop()));
  receiver?.close();
  if (started) await stopLocalStack({ port, logger: quiet });
  if (project) await rm(project.dir, { recursive: true, force: true });
  if (stepforge?.buildDir) await rm(stepforge.buildDir, { recursive: true, force: true });
  assert.ok(
    codes.every((code) => code === 0),
    workers.map((worker) => worker.log()).join('\n'),
  );
});

/** Names outside stepforge's prefix are the Serverless stack's (the LocalStack holds nothing else). */
function split(names: readonly string[]): { serverless: string[]; stepforge: string[] } {
  const prefix = stepforge.prefix;
  return {
    serverless: names.filter((name) => !name.startsWith(prefix)).sort(),
    stepforge: names
      .filter((name) => name.startsWith(prefix))
      .map((name) => name.slice(prefix.length))
      .sort(),
  };
}

const lastSegment = (arnOrUrl: string) => arnOrUrl.split(/[:/]/).at(-1)!;

test('the same state machines with the same definitions, once placeholders are substituted', async () => {
  const { stateMachines = [] } = await clients.sfn.send(new ListStateMachinesCommand({}));
  const names = split(stateMachines.map((machine) => machine.name!));
  assert.deepEqual(names.serverless, names.stepforge);
  assert.deepEqual(names.serverless, Object.keys(stepforge.deployment.workflows).sort());
  for (const [name, { stateMachineArn }] of Object.entries(stepforge.deployment.workflows)) {
    const ours = await clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    const theirs = await clients.sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: serverless.deployment.workflows[name]!.stateMachineArn }),
    );
    assert.equal(theirs.type, ours.type, name);
    assert.deepEqual(
      JSON.parse(theirs.definition!),
      JSON.parse(ours.definition!.replaceAll(stepforge.prefix, '')),
      name,
    );
  }
});

/** A queue's attributes without what differs by creation time or content. */
async function queueAttributes(url: string, prefix: string): Promise<Record<string, unknown>> {
  const { Attributes = {} } = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
  );
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(Attributes)) {
    if (name.endsWith('Timestamp') || name.startsWith('ApproximateNumberOf')) continue;
    const unprefixed = value.replaceAll(prefix, '');
    kept[name] = name === 'RedrivePolicy' ? JSON.parse(unprefixed) : unprefixed;
  }
  return kept;
}

test('the same queues with the same attributes, DLQs and redrive policies', async () => {
  const { QueueUrls = [] } = await clients.sqs.send(new ListQueuesCommand({}));
  const names = split(QueueUrls.map(lastSegment));
  assert.deepEqual(names.serverless, names.stepforge);
  for (const [name, queue] of Object.entries(stepforge.deployment.queues)) {
    const { QueueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    assert.equal(QueueUrl, serverless.deployment.queues[name]!.url, name);
    const ours = await queueAttributes(queue.url, stepforge.prefix);
    assert.deepEqual(await queueAttributes(QueueUrl, ''), ours, name);
    if (queue.dlqUrl)
      assert.deepEqual(
        ours.RedrivePolicy,
        { deadLetterTargetArn: serverless.deployment.queues[name]!.dlqArn, maxReceiveCount: 5 },
        name,
      );
  }
});

test('the same buckets and activities', async () => {
  const { Buckets = [] } = await clients.s3.send(new ListBucketsCommand({}));
  const buckets = split(Buckets.map((bucket) => bucket.Name!));
  // The framework's own deployment bucket (named by CloudFormation) is the one extra.
  const extra = buckets.serverless.filter((name) => !buckets.stepforge.includes(name));
  assert.equal(extra.length, 1, `${extra}`);
  assert.match(extra[0]!, /^stepforge-local-serverlessdeploymentbuck/);
  assert.deepEqual(
    buckets.serverless.filter((name) => name !== extra[0]),
    buckets.stepforge,
  );
  for (const bucket of Object.values(serverless.deployment.buckets))
    await clients.s3.send(new HeadBucketCommand({ Bucket: bucket }));

  const { activities = [] } = await clients.sfn.send(new ListActivitiesCommand({}));
  const names = split(activities.map((activity) => activity.name!));
  assert.deepEqual(names.serverless, names.stepforge);
  const arns = activities.map((activity) => activity.activityArn);
  for (const arn of Object.values(serverless.deployment.activities)) assert.ok(arns.includes(arn), arn);
});

test('every example runs to SUCCEEDED on the Serverless stack with the task workers', {
  timeout: 240_000,
}, async () => {
  const received: string[] = [];
  receiver = createServer((request, response) => {
    received.push(request.url ?? '');
    request
      .resume()
      .on('end', () => response.writeHead(201, { 'content-type': 'application/json' }).end('{"imported":true}'));
  });
  await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/import`;

  const { buckets, queues, workflows } = serverless.deployment;
  const put = (bucket: string, key: string, body: string) =>
    clients.s3.send(new PutObjectCommand({ Bucket: buckets[bucket]!, Key: key, Body: body }));
  await put('artifacts', 'builds/1/report.xml', '<testsuite/>');
  const hashed = `${createHash('sha256').update('one object').digest('hex')}.json`;
  await put('hashed-objects', hashed, '{}');
  await put('media-source', 'photos/cat.jpg', 'cat bytes');
  const event = { timestamp: '2026-03-01T10:30:00Z', channel: 'web', endpoint: '/checkout', event: 'purchase' };
  await clients.sqs.send(
    new SendMessageCommand({ QueueUrl: queues['event-queue']!.url, MessageBody: JSON.stringify(event) }),
  );

  const manifest = await readManifest(serverless.buildDir);
  for (const task of ['list-and-publish', 'consume', 'zip-archive']) {
    const environment = taskEnvironment(task, manifest, serverless.deployment, {}) as Record<string, string>;
    workers.push(startWorker(task, serverless, { ...AWS_ENV, ...environment }));
  }
  const inputs: Record<string, unknown> = {
    'artifact-pipeline': { prefix: 'builds/1/', receiverUrl },
    'bucket-to-queue': { prefix: '' },
    'daily-events': { keyPrefix: 'events/' },
    'media-archive': { files: [{ source: 'photos/cat.jpg' }], metadata: { requestId: 'sls-1' } },
    showcase: { orderId: 'order-sls', priority: 'standard', items: [{ sku: 'apple', quantity: 2 }] },
  };
  assert.deepEqual(Object.keys(inputs).sort(), Object.keys(workflows).sort(), 'one input per example');
  const results = await Promise.all(
    Object.entries(inputs).map(
      async ([name, input]) => [name, await runExecution(workflows[name]!.stateMachineArn, input)] as const,
    ),
  );
  const logs = () => workers.map((worker) => worker.log()).join('\n');
  for (const [name, result] of results)
    assert.equal(result.status, 'SUCCEEDED', `${name}: ${result.error}: ${result.cause}\n${logs()}`);
  assert.deepEqual(received, ['/api/import'], 'the artifact was posted once');
});

test('osls remove deletes the stack, then exits 1 on the ECR question LocalStack cannot answer', {
  timeout: 120_000,
}, async () => {
  // No retries: the framework would otherwise ask ECR four more times, ~20 s of waiting for the same answer.
  const removed = await runOsls(project!, ['remove', '--stage', 'local'], {
    ...AWS_ENV,
    SLS_AWS_REQUEST_MAX_RETRIES: '0',
  });
  assert.notEqual(removed.code, 0, removed.output);
  assert.match(
    removed.output,
    /The API for service ecr is either not included in your current license plan or has not yet been emulated/,
  );
  // Everything of the stack is gone; what stepforge deployed beside it is not. The buckets too, although the examples
  // left objects in them: LocalStack's CloudFormation deletes non-empty buckets, where AWS's fails the stack deletion.
  const { stateMachines = [] } = await clients.sfn.send(new ListStateMachinesCommand({}));
  const { QueueUrls = [] } = await clients.sqs.send(new ListQueuesCommand({}));
  const { activities = [] } = await clients.sfn.send(new ListActivitiesCommand({}));
  const { Buckets = [] } = await clients.s3.send(new ListBucketsCommand({}));
  assert.deepEqual(split(stateMachines.map((machine) => machine.name!)).serverless, []);
  assert.deepEqual(split(QueueUrls.map(lastSegment)).serverless, []);
  assert.deepEqual(split(activities.map((activity) => activity.name!)).serverless, []);
  assert.deepEqual(split(Buckets.map((bucket) => bucket.Name!)).serverless, []);
  assert.equal(
    split(stateMachines.map((machine) => machine.name!)).stepforge.length,
    Object.keys(stepforge.deployment.workflows).length,
  );
});
