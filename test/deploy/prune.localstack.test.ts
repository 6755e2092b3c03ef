// Deploy removes what it owns and the build no longer has: state machines and activities always, queues and empty
// buckets only with pruneData; resources made by hand are never touched; untagged ones in the build are adopted.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import {
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketTaggingCommand,
  HeadBucketCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import {
  CreateActivityCommand,
  DeleteActivityCommand,
  ListActivitiesCommand,
  ListStateMachinesCommand,
} from '@aws-sdk/client-sfn';
import { CreateQueueCommand, DeleteQueueCommand, GetQueueUrlCommand, ListQueueTagsCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, createLogger } from '../../src/aws/index.ts';
import { previousActivityArns } from '../../src/deploy/deployment-file.ts';
import { deploy, formatReport } from '../../src/deploy/index.ts';
import { mainInProcess } from '../support/cli/main-in-process.ts';
import { fixtureBuild, removeDeployment } from './fixture-build.ts';

const clients = createAwsClients();
const quiet = createLogger({ pretty: false, level: 'error', write: () => {} });
const bin = new URL('../../bin/stepforge.mjs', import.meta.url).pathname;
const pass = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };

/** Build A has `keep` and `drop`; build B only `keep`. Each workflow has its own activity, queue (+DLQ) and bucket(s). */
function manifest(withDrop: boolean): unknown {
  const workflow = (name: string) => ({ name, type: 'STANDARD', asl: `asl/${name}.asl.json`, tasks: [] });
  return {
    workflows: [workflow('keep'), ...(withDrop ? [workflow('drop')] : [])],
    activities: ['keep-work', ...(withDrop ? ['drop-work'] : [])],
    queues: [
      { name: 'keep-queue', fifo: false },
      ...(withDrop ? [{ name: 'drop-queue', fifo: false, dlq: { name: 'drop-queue-dlq', maxReceiveCount: 5 } }] : []),
    ],
    buckets: ['keep-data', ...(withDrop ? ['drop-empty', 'drop-full'] : [])],
  };
}

const changes = (result: Awaited<ReturnType<typeof deploy>>) =>
  result.actions
    .filter((action) => action.change !== 'unchanged')
    .map((action) => `${action.change} ${action.resource} ${action.name}`);

async function names(prefix: string): Promise<{ machines: string[]; activities: string[] }> {
  const machines = (await clients.sfn.send(new ListStateMachinesCommand({}))).stateMachines ?? [];
  const activities = (await clients.sfn.send(new ListActivitiesCommand({}))).activities ?? [];
  const mine = (list: { name?: string }[]) =>
    list
      .map((item) => item.name!)
      .filter((name) => name.startsWith(prefix))
      .sort();
  return { machines: mine(machines), activities: mine(activities) };
}

const queueExists = (name: string) =>
  clients.sqs.send(new GetQueueUrlCommand({ QueueName: name })).then(
    () => true,
    () => false,
  );
const bucketExists = (name: string) =>
  clients.s3.send(new HeadBucketCommand({ Bucket: name })).then(
    () => true,
    () => false,
  );

test('a workflow removed from the build: machine and activity deleted, queue and buckets retained until pruneData, hand-made left alone', async () => {
  const build = await fixtureBuild('prune');
  const p = build.prefix;
  await build.writeAsl('keep', pass);
  await build.writeAsl('drop', pass);
  await build.writeManifest(manifest(true));
  // Made by hand: one with a name of this prefix that no build has, one with the name a build will use (adopted).
  const handMade = await clients.sqs.send(new CreateQueueCommand({ QueueName: `${p}hand-made` }));
  const handMadeActivity = await clients.sfn.send(new CreateActivityCommand({ name: `${p}hand-made-work` }));
  const preexisting = await clients.sqs.send(new CreateQueueCommand({ QueueName: `${p}keep-queue` }));
  const options = { buildDir: build.dir, prefix: p, clients, logger: quiet };

  const first = await deploy(options);
  assert.ok(changes(first).includes('update queue keep-queue'), changes(first).join('; '));
  assert.deepEqual(first.actions.find((action) => action.name === 'keep-queue')!.differences, ['tags']);
  const { Tags: adopted } = await clients.sqs.send(new ListQueueTagsCommand({ QueueUrl: preexisting.QueueUrl! }));
  assert.deepEqual(adopted, { 'stepforge:managed': 'true', 'stepforge:prefix': p });
  const { TagSet } = await clients.s3.send(new GetBucketTaggingCommand({ Bucket: `${p}drop-full` }));
  assert.deepEqual(TagSet, [
    { Key: 'stepforge:managed', Value: 'true' },
    { Key: 'stepforge:prefix', Value: p },
  ]);
  assert.deepEqual(await names(p), {
    machines: [`${p}drop`, `${p}keep`],
    activities: [`${p}drop-work`, `${p}hand-made-work`, `${p}keep-work`],
  });
  await clients.s3.send(new PutObjectCommand({ Bucket: `${p}drop-full`, Key: 'kept.txt', Body: 'data' }));

  await build.writeManifest(manifest(false));
  const second = await deploy(options);
  assert.deepEqual(changes(second), [
    'delete state machine drop',
    'delete activity drop-work',
    'retain queue drop-queue',
    'retain queue drop-queue-dlq',
    'retain bucket drop-empty',
    'retain bucket drop-full',
  ]);
  assert.deepEqual(
    await names(p),
    { machines: [`${p}keep`], activities: [`${p}hand-made-work`, `${p}keep-work`] },
    'the hand-made activity stays',
  );
  assert.ok(await queueExists(`${p}drop-queue`), 'queue retained');
  const report = formatReport(second.actions, second.deploymentPath);
  assert.match(report, new RegExp(`deleted +state machine +${p}drop\\n`));
  assert.match(
    report,
    new RegExp(`retained +queue +${p}drop-queue \\(not in the build; may hold data; --prune-data deletes it\\)`),
  );
  assert.match(report, /\n0 created, 0 updated, \d+ unchanged, 2 deleted, 4 retained; wrote /);
  assert.deepEqual(Object.keys(second.deployment.workflows), ['keep']);

  // As a user runs it: the CLI's --prune-data.
  const cli = await promisify(execFile)(
    process.execPath,
    [bin, 'deploy', '--build', build.dir, '--prefix', p, '--prune-data'],
    { encoding: 'utf8' },
  );
  const removals = cli.stdout.split('\n').filter((line) => /^(deleted|retained) /.test(line));
  assert.deepEqual(
    removals.map((line) => line.split(/\s+/).slice(0, 3).join(' ')),
    [
      `deleted queue ${p}drop-queue`,
      `deleted queue ${p}drop-queue-dlq`,
      `deleted bucket ${p}drop-empty`,
      `retained bucket ${p}drop-full`,
    ],
  );
  assert.match(cli.stdout, /drop-full \(not in the build; not empty; deploy never empties a bucket\)/);
  assert.ok(
    !(await queueExists(`${p}drop-queue`)) && !(await queueExists(`${p}drop-queue-dlq`)),
    'queue and its DLQ deleted',
  );
  assert.ok(!(await bucketExists(`${p}drop-empty`)), 'empty bucket deleted');
  assert.ok(await bucketExists(`${p}drop-full`), 'non-empty bucket kept');
  assert.ok(await queueExists(`${p}hand-made`), 'an untagged queue of the prefix is never touched');

  const again = await deploy({ ...options, pruneData: true });
  assert.deepEqual(changes(again), ['retain bucket drop-full']);
  assert.match(formatReport(again.actions, again.deploymentPath), /no changes: \d+ resources unchanged, 1 retained/);

  await removeDeployment(clients, again.deployment);
  await clients.sqs.send(new DeleteQueueCommand({ QueueUrl: handMade.QueueUrl! }));
  await clients.sfn.send(new DeleteActivityCommand({ activityArn: handMadeActivity.activityArn! }));
  await clients.s3.send(new DeleteObjectCommand({ Bucket: `${p}drop-full`, Key: 'kept.txt' }));
  await clients.s3.send(new DeleteBucketCommand({ Bucket: `${p}drop-full` }));
});

test('--prune-data is a flag: a value is bad usage', async () => {
  assert.deepEqual(await mainInProcess(['deploy', '--prune-data=yes']), {
    code: 2,
    stdout: '',
    stderr: 'stepforge deploy: --prune-data takes no value\n',
  });
});

test('the activity record of a previous deployment.json counts only for the same endpoint, region and prefix', async () => {
  const build = await fixtureBuild('ledger');
  const target = { endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', prefix: 'a-' };
  assert.deepEqual(await previousActivityArns(build.dir, target), new Set(), 'no file: nothing proven');
  await writeFile(
    join(build.dir, 'deployment.json'),
    JSON.stringify({ ...target, workflows: {}, activities: { w: 'arn:act:a-w' }, queues: {}, buckets: {} }),
  );
  assert.deepEqual(await previousActivityArns(build.dir, target), new Set(['arn:act:a-w']));
  assert.deepEqual(await previousActivityArns(build.dir, { ...target, prefix: 'b-' }), new Set());
  assert.deepEqual(await previousActivityArns(build.dir, { ...target, endpoint: null }), new Set());
  await writeFile(join(build.dir, 'deployment.json'), '{ broken');
  assert.deepEqual(await previousActivityArns(build.dir, target), new Set(), 'unreadable: nothing proven');
});
