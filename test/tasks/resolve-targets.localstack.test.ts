// Where a worker finds its queue and activity: the option, else build/deployment.json, else the conventional name.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CreateActivityCommand } from '@aws-sdk/client-sfn';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { ConfigError } from '../../src/aws/index.ts';
import { readDeploymentTargets, resolveActivityArn, resolveQueueUrl } from '../../tasks/runtime/resolve-targets.ts';
import { clients, uniqueName } from '../support/tasks/aws.ts';

test('option first, then deployment.json, then lookup by name; nothing found is a ConfigError naming the option', async () => {
  const task = uniqueName('resolve');
  const build = mkdtempSync(join(tmpdir(), 'stepforge-build-'));
  assert.equal(readDeploymentTargets(build), undefined);
  await assert.rejects(resolveQueueUrl(clients.sqs, task, undefined, undefined), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(
      error.message,
      `--queue-url: not given, and no queue named stepforge-${task}-tasks exists (deploy first, or pass the URL)`,
    );
    return true;
  });
  await assert.rejects(
    resolveActivityArn(clients.sfn, task, undefined, undefined),
    /--activity-arn: not given, and no activity named stepforge-/,
  );

  const queueUrl = (await clients.sqs.send(new CreateQueueCommand({ QueueName: `stepforge-${task}-tasks` }))).QueueUrl!;
  const activityArn = (await clients.sfn.send(new CreateActivityCommand({ name: `stepforge-${task}` }))).activityArn!;
  assert.equal(await resolveQueueUrl(clients.sqs, task, undefined, undefined), queueUrl);
  assert.equal(await resolveActivityArn(clients.sfn, task, undefined, undefined), activityArn);

  writeFileSync(
    join(build, 'deployment.json'),
    JSON.stringify({
      activities: { [`stepforge-${task}`]: 'arn:from-deployment' },
      queues: { [`stepforge-${task}-tasks`]: { url: 'http://from-deployment' } },
    }),
  );
  const deployment = readDeploymentTargets(build);
  assert.equal(await resolveQueueUrl(clients.sqs, task, undefined, deployment), 'http://from-deployment');
  assert.equal(await resolveActivityArn(clients.sfn, task, undefined, deployment), 'arn:from-deployment');
  assert.equal(await resolveQueueUrl(clients.sqs, task, 'http://explicit', deployment), 'http://explicit');
  assert.equal(await resolveActivityArn(clients.sfn, task, 'arn:explicit', deployment), 'arn:explicit');

  writeFileSync(join(build, 'deployment.json'), '{ broken');
  assert.throws(() => readDeploymentTargets(build), /deployment\.json: is not valid JSON/);
});

test.after(() => {
  clients.s3.destroy();
  clients.sqs.destroy();
  clients.sfn.destroy();
});
