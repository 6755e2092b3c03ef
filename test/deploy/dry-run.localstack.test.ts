// `stepforge deploy --dry-run` prints the plan per resource and changes nothing (no resource, no deployment.json);
// a real deploy prints each resource as it is applied, then its report.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand, ListActivitiesCommand, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { createAwsClients } from '../../src/aws/index.ts';
import type { Deployment } from '../../src/deploy/index.ts';
import { runStepforge } from '../support/stepforge-cli.ts';
import { fixtureBuild, pipelineAsl, pipelineManifest, removeDeployment } from './fixture-build.ts';

const clients = createAwsClients();
const deployments: Deployment[] = [];
after(async () => {
  for (const deployment of deployments) await removeDeployment(clients, deployment);
});

/** Every resource of the account whose name starts with the prefix, by kind. */
async function owned(prefix: string): Promise<Record<string, (string | undefined)[]>> {
  const mine = (names: (string | undefined)[]) => names.filter((name) => name?.startsWith(prefix)).sort();
  const [machines, activities, queues, buckets] = await Promise.all([
    clients.sfn.send(new ListStateMachinesCommand({})),
    clients.sfn.send(new ListActivitiesCommand({})),
    clients.sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix })),
    clients.s3.send(new ListBucketsCommand({})),
  ]);
  return {
    machines: mine((machines.stateMachines ?? []).map((machine) => machine.name)),
    activities: mine((activities.activities ?? []).map((activity) => activity.name)),
    queues: mine((queues.QueueUrls ?? []).map((url) => url.split('/').pop())),
    buckets: mine((buckets.Buckets ?? []).map((bucket) => bucket.Name)),
  };
}

const deployCli = (dir: string, prefix: string, ...extra: string[]) =>
  runStepforge(['deploy', '--build', dir, '--prefix', prefix, ...extra], {
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });

test('--dry-run prints create/update/unchanged per resource and changes nothing; deploy shows progress', async () => {
  const build = await fixtureBuild('dryrun');
  const p = build.prefix;
  await build.writeAsl('pipeline', pipelineAsl('v1'));
  await build.writeManifest(pipelineManifest());

  const before = await owned(p);
  const planned = await deployCli(build.dir, p, '--dry-run');
  assert.equal(planned.status, 0, planned.stderr);
  const lines = planned.stdout.trim().split('\n');
  for (const resource of [
    `create     bucket         ${p}data`,
    `create     queue          ${p}jobs-dlq`,
    `create     queue          ${p}jobs`,
    `create     activity       ${p}stepforge-noop`,
    `create     state machine  ${p}pipeline`,
  ])
    assert.ok(lines.includes(resource), `${resource} in\n${planned.stdout}`);
  assert.match(lines.at(-1) ?? '', /^plan: 7 to create, 0 to update, 0 to delete, 0 to retain, 0 unchanged \(dry run/);
  assert.deepEqual(await owned(p), before, 'nothing created');
  assert.equal(existsSync(join(build.dir, 'deployment.json')), false, 'no deployment.json');

  const deployed = await deployCli(build.dir, p);
  assert.equal(deployed.status, 0, deployed.stderr);
  const deployment = JSON.parse(await readFile(join(build.dir, 'deployment.json'), 'utf8')) as Deployment;
  deployments.push(deployment);
  // Progress: one stderr line per resource as it is applied, with the elapsed time; the report on stdout.
  const progress = deployed.stderr.split('\n').filter((line) => /^\[ *\d+\.\d s\] created /.test(line));
  assert.equal(progress.length, 7, deployed.stderr);
  assert.match(deployed.stdout, /7 created, 0 updated, 0 unchanged; wrote /);

  // Change one thing: the plan names it as an update, the rest unchanged, and still nothing changes.
  await build.writeAsl('pipeline', pipelineAsl('v2'));
  const deploymentFile = await readFile(join(build.dir, 'deployment.json'), 'utf8');
  const existing = await owned(p);
  const second = await deployCli(build.dir, p, '--dry-run');
  assert.equal(second.status, 0, second.stderr);
  assert.ok(second.stdout.includes(`update     state machine  ${p}pipeline (definition)\n`), second.stdout);
  assert.match(second.stdout, /plan: 0 to create, 1 to update, 0 to delete, 0 to retain, 6 unchanged/);
  assert.deepEqual(await owned(p), existing);
  assert.equal(await readFile(join(build.dir, 'deployment.json'), 'utf8'), deploymentFile, 'deployment.json untouched');
  const stateMachineArn = deployment.workflows.pipeline?.stateMachineArn;
  assert.ok(stateMachineArn);
  const { definition } = await clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
  assert.equal(JSON.parse(definition ?? '{}').Comment, 'v1', 'the definition was not updated');
});
