import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand, ListActivitiesCommand, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, createLogger } from '../../src/aws/index.ts';
import { type Deployment, DeployError, deploy } from '../../src/deploy/index.ts';
import { fixtureBuild, pipelineAsl, pipelineManifest, removeDeployment } from './fixture-build.ts';

// Integration: the shared LocalStack, a hand-written build folder and a unique prefix per test.
const clients = createAwsClients();
const quiet = createLogger({ pretty: false, level: 'error', write: () => {} });

function changes(result: Awaited<ReturnType<typeof deploy>>): string[] {
  return result.actions.map((action) => `${action.change} ${action.resource} ${action.name}`);
}

async function queueAttributes(url: string): Promise<Record<string, string>> {
  const { Attributes } = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
  );
  return Attributes ?? {};
}

test('first deploy creates everything, a second changes nothing, and deployment.json has the addresses', async () => {
  const build = await fixtureBuild('first');
  await build.writeManifest(pipelineManifest());
  await build.writeAsl('pipeline', pipelineAsl());
  const options = { buildDir: build.dir, prefix: build.prefix, clients, logger: quiet };

  const first = await deploy(options);
  assert.deepEqual(changes(first), [
    'create bucket data',
    'create queue jobs-dlq',
    'create queue jobs',
    'create queue ordered-dlq.fifo',
    'create queue ordered.fifo',
    'create activity stepforge-noop',
    'create state machine pipeline',
  ]);
  await clients.s3.send(new HeadBucketCommand({ Bucket: `${build.prefix}data` }));

  const written = JSON.parse(await readFile(join(build.dir, 'deployment.json'), 'utf8')) as Deployment;
  assert.equal(written.prefix, build.prefix);
  assert.equal(written.buckets.data, `${build.prefix}data`);
  assert.match(written.activities['stepforge-noop']!, new RegExp(`:activity:${build.prefix}stepforge-noop$`));
  assert.match(written.queues.jobs!.dlqArn!, new RegExp(`:${build.prefix}jobs-dlq$`));
  assert.match(written.workflows.pipeline!.stateMachineArn, new RegExp(`:stateMachine:${build.prefix}pipeline$`));
  assert.deepEqual(written.workflows.pipeline!.tasks, ['noop']);

  // Placeholders were substituted with the deployed addresses.
  const described = await clients.sfn.send(
    new DescribeStateMachineCommand({ stateMachineArn: written.workflows.pipeline!.stateMachineArn }),
  );
  const definition = JSON.parse(described.definition!) as {
    States: { Work: { Resource: string }; Send: { Parameters: Record<string, unknown> } };
  };
  assert.equal(definition.States.Work.Resource, written.activities['stepforge-noop']);
  assert.deepEqual(definition.States.Send.Parameters, {
    QueueUrl: written.queues.jobs!.url,
    MessageBody: { bucket: `${build.prefix}data`, dlq: written.queues.jobs!.dlqArn },
  });
  assert.equal(described.roleArn, 'arn:aws:iam::000000000000:role/stepforge');

  const second = await deploy(options);
  assert.ok(
    second.actions.every((action) => action.change === 'unchanged'),
    changes(second).join('; '),
  );
  assert.equal(second.actions.length, 7);
  assert.deepEqual(second.deployment, first.deployment);
  await removeDeployment(clients, second.deployment);
});

test('FIFO queue and its FIFO DLQ are created with the redrive policy; standard queue redrives to its DLQ', async () => {
  const build = await fixtureBuild('fifo');
  await build.writeManifest(pipelineManifest());
  await build.writeAsl('pipeline', pipelineAsl());
  const { deployment } = await deploy({ buildDir: build.dir, prefix: build.prefix, clients, logger: quiet });

  const fifo = await queueAttributes(deployment.queues['ordered.fifo']!.url);
  assert.equal(fifo.FifoQueue, 'true');
  assert.deepEqual(JSON.parse(fifo.RedrivePolicy!), {
    deadLetterTargetArn: deployment.queues['ordered.fifo']!.dlqArn,
    maxReceiveCount: 3,
  });
  const fifoDlq = await queueAttributes(deployment.queues['ordered.fifo']!.dlqUrl!);
  assert.equal(fifoDlq.FifoQueue, 'true');
  assert.equal(fifoDlq.MessageRetentionPeriod, '1209600');

  const standard = await queueAttributes(deployment.queues.jobs!.url);
  assert.equal(standard.FifoQueue ?? 'false', 'false');
  assert.equal(standard.VisibilityTimeout, '30');
  assert.equal(JSON.parse(standard.RedrivePolicy!).maxReceiveCount, 5);
  await removeDeployment(clients, deployment);
});

test('a changed definition updates the state machine in place; changed queue attributes update the queue', async () => {
  const build = await fixtureBuild('update');
  await build.writeManifest(pipelineManifest());
  await build.writeAsl('pipeline', pipelineAsl('v1'));
  const options = { buildDir: build.dir, prefix: build.prefix, clients, logger: quiet };
  const first = await deploy(options);

  await build.writeAsl('pipeline', pipelineAsl('v2'));
  await build.writeManifest(pipelineManifest({ visibilityTimeout: 45, maxReceiveCount: 7 }));
  const second = await deploy(options);
  const updated = second.actions.filter((action) => action.change !== 'unchanged');
  assert.deepEqual(
    updated.map((action) => [action.resource, action.name, action.differences]),
    [
      ['queue', 'jobs', ['VisibilityTimeout', 'RedrivePolicy']],
      ['state machine', 'pipeline', ['definition']],
    ],
  );
  assert.equal(
    second.deployment.workflows.pipeline!.stateMachineArn,
    first.deployment.workflows.pipeline!.stateMachineArn,
  );
  const described = await clients.sfn.send(
    new DescribeStateMachineCommand({ stateMachineArn: first.deployment.workflows.pipeline!.stateMachineArn }),
  );
  assert.equal(JSON.parse(described.definition!).Comment, 'v2');
  const jobs = await queueAttributes(first.deployment.queues.jobs!.url);
  assert.equal(jobs.VisibilityTimeout, '45');
  assert.equal(JSON.parse(jobs.RedrivePolicy!).maxReceiveCount, 7);

  const third = await deploy({ ...options, roleArn: 'arn:aws:iam::000000000000:role/other' });
  assert.deepEqual(
    third.actions.filter((action) => action.change !== 'unchanged').map((action) => [action.name, action.differences]),
    [['pipeline', ['roleArn']]],
  );
  await removeDeployment(clients, third.deployment);
});

test('a missing manifest is a clear error', async () => {
  const build = await fixtureBuild('missing');
  await assert.rejects(
    deploy({ buildDir: build.dir, prefix: build.prefix, clients, logger: quiet }),
    (error: unknown) => {
      assert.ok(error instanceof DeployError);
      assert.match(error.message, /stepforge\.json not found: run `stepforge generate` first/);
      return true;
    },
  );
});

test('an ASL placeholder naming an undeclared queue fails naming it, and nothing is created', async () => {
  const build = await fixtureBuild('badref');
  await build.writeManifest(pipelineManifest());
  const asl = pipelineAsl() as { States: { Send: { Parameters: { QueueUrl: string } } } };
  asl.States.Send.Parameters.QueueUrl = '${queue:nope}';
  await build.writeAsl('pipeline', asl);
  await assert.rejects(
    deploy({ buildDir: build.dir, prefix: build.prefix, clients, logger: quiet }),
    (error: unknown) => {
      assert.ok(error instanceof DeployError);
      assert.match(
        error.message,
        /\$\{queue:nope\} at States\.Send\.Parameters\.QueueUrl names no queue of the manifest/,
      );
      return true;
    },
  );
  await assert.rejects(clients.s3.send(new HeadBucketCommand({ Bucket: `${build.prefix}data` })), 'no bucket created');
  await assert.rejects(
    clients.sqs.send(new GetQueueUrlCommand({ QueueName: `${build.prefix}jobs-dlq` })),
    'no queue created',
  );
  const activities = await clients.sfn.send(new ListActivitiesCommand({}));
  assert.ok(
    !(activities.activities ?? []).some((activity) => activity.name?.startsWith(build.prefix)),
    'no activity created',
  );
  const machines = await clients.sfn.send(new ListStateMachinesCommand({}));
  assert.ok(
    !(machines.stateMachines ?? []).some((machine) => machine.name?.startsWith(build.prefix)),
    'no state machine created',
  );
});
