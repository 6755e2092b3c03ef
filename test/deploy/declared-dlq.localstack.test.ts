// A queue the DSL declares with a DLQ, generated and deployed to LocalStack: the redrive policy, idempotence, and an
// in-place update when maxReceiveCount changes.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, createLogger } from '../../src/aws/index.ts';
import { deploy, readDeployment } from '../../src/deploy/index.ts';
import { placeholder, workflow } from '../../src/dsl/index.ts';
import { manifestOf } from '../../src/generator/write/manifest.ts';
import { fixtureBuild, removeDeployment } from './fixture-build.ts';

const clients = createAwsClients();
const quiet = createLogger({ pretty: false, level: 'error', write: () => {} });

/** What `stepforge generate` writes for deploy (manifest + ASL) from one DSL workflow. */
async function generateInto(dir: string, maxReceiveCount: number): Promise<void> {
  const orders = workflow('orders', { resources: { queues: [{ name: 'orders', deadLetter: { maxReceiveCount } }] } });
  orders.pass('Where', { parameters: { queue: placeholder.queueUrl('orders') } });
  const compiled = {
    name: orders.name,
    type: orders.type,
    asl: orders.toAsl() as never,
    resources: orders.resources(),
    tasks: [],
  };
  await writeFile(join(dir, 'stepforge.json'), `${JSON.stringify(manifestOf([compiled]), null, 2)}\n`);
  await writeFile(join(dir, 'asl', 'orders.asl.json'), `${JSON.stringify(compiled.asl, null, 2)}\n`);
}

async function redrivePolicy(url: string): Promise<unknown> {
  const { Attributes } = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['RedrivePolicy'] }),
  );
  return JSON.parse(Attributes!.RedrivePolicy!);
}

test('a declared DLQ is created first and redriven to; a second deploy is unchanged; a new maxReceiveCount updates in place', async () => {
  const build = await fixtureBuild('dlq');
  const options = { buildDir: build.dir, prefix: build.prefix, clients, logger: quiet };
  await generateInto(build.dir, 4);

  const first = await deploy(options);
  assert.deepEqual(
    first.actions.map((action) => `${action.change} ${action.resource} ${action.name}`),
    ['create queue orders-dlq', 'create queue orders', 'create state machine orders'],
  );
  const written = await readDeployment(build.dir);
  const queue = written.queues.orders!;
  assert.match(queue.dlqUrl!, new RegExp(`/${build.prefix}orders-dlq$`));
  assert.match(queue.dlqArn!, new RegExp(`:${build.prefix}orders-dlq$`));
  assert.deepEqual(await redrivePolicy(queue.url), { deadLetterTargetArn: queue.dlqArn, maxReceiveCount: 4 });

  const second = await deploy(options);
  assert.deepEqual(
    second.actions.filter((action) => action.change !== 'unchanged'),
    [],
  );

  await generateInto(build.dir, 9);
  const third = await deploy(options);
  assert.deepEqual(
    third.actions
      .filter((action) => action.change !== 'unchanged')
      .map((action) => [action.change, action.name, action.differences]),
    [['update', 'orders', ['RedrivePolicy']]],
  );
  assert.equal(third.deployment.queues.orders!.url, queue.url, 'the same queue, updated in place');
  assert.deepEqual(await redrivePolicy(queue.url), { deadLetterTargetArn: queue.dlqArn, maxReceiveCount: 9 });
  await removeDeployment(clients, third.deployment);
});
