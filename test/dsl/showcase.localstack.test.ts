// workflows/showcase.ts on the shared LocalStack: CreateStateMachine accepts the generated ASL and an execution
// succeeds, passing through Map, Task (retried, then caught), Choice, Wait and Parallel.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, DeleteBucketCommand } from '@aws-sdk/client-s3';
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  type ExecutionStatus,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { createAwsClients } from '../../src/aws/index.ts';
import { placeholder } from '../../src/dsl/index.ts';
import { type ShowcaseInput, showcase } from '../../workflows/showcase.ts';

const clients = createAwsClients();
const suffix = randomBytes(4).toString('hex');
const bucket = `showcase-data-${suffix}`;
let stateMachineArn = '';

async function waitForEnd(executionArn: string): Promise<ExecutionStatus> {
  for (let attempt = 0; attempt < 240; attempt++) {
    const { status } = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status && status !== 'RUNNING') return status;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`execution ${executionArn} still running after 120 s`);
}

async function history(executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

describe('showcase on LocalStack', () => {
  before(async () => {
    await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    // What deploy does: substitute the placeholders with this deployment's resources.
    const definition = JSON.stringify(showcase.toAsl()).replaceAll(placeholder.bucket('showcase-data'), bucket);
    const created = await clients.sfn.send(
      new CreateStateMachineCommand({
        name: `showcase-${suffix}`,
        definition,
        roleArn: 'arn:aws:iam::000000000000:role/stepforge',
        type: showcase.type,
      }),
    );
    stateMachineArn = created.stateMachineArn ?? '';
    assert.match(stateMachineArn, /:stateMachine:showcase-/);
  });

  after(async () => {
    if (stateMachineArn) await clients.sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    await clients.s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  });

  it('runs to success through Map, Task Retry/Catch, Choice, Wait and Parallel', async () => {
    const input: ShowcaseInput = {
      orderId: `order-${suffix}`,
      priority: 'standard',
      items: [
        { sku: 'apple', quantity: 2 },
        { sku: 'pear', quantity: 1 },
        { sku: 'plum', quantity: 5 },
      ],
    };
    const { executionArn } = await clients.sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: `run-${suffix}`, input: JSON.stringify(input) }),
    );
    assert.ok(executionArn);
    const status = await waitForEnd(executionArn);
    const events = await history(executionArn);
    const failure = events.find((event) => event.type === 'ExecutionFailed')?.executionFailedEventDetails;
    assert.equal(status, 'SUCCEEDED', JSON.stringify(failure));

    const entered = events.filter((event) => event.type?.endsWith('StateEntered'));
    const enteredTypes = new Set<string>(entered.map((event) => event.type ?? ''));
    for (const type of ['Map', 'Task', 'Pass', 'Choice', 'Wait', 'Parallel', 'Succeed']) {
      assert.ok(enteredTypes.has(`${type}StateEntered`), `no ${type} state entered: ${[...enteredTypes].join(', ')}`);
    }
    const names = entered.map((event) => event.stateEnteredEventDetails?.name);
    for (const name of [
      'DescribeLines',
      'LoadLoyalty',
      'NoLoyalty',
      'Route',
      'BatchWindow',
      'Fulfil',
      'CarrierSlot',
      'Done',
    ]) {
      assert.ok(names.includes(name), `state ${name} never entered`);
    }
    assert.equal(names.filter((name) => name === 'DescribeLine').length, 3, 'one Map iteration per item');
    // Retry: the missing loyalty record was attempted twice before the Catch took over.
    const scheduled = events.filter((event) => event.type === 'TaskScheduled');
    assert.ok(scheduled.length >= 2, `expected a retried task, saw ${scheduled.length} TaskScheduled`);

    const { output } = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    assert.deepStrictEqual(JSON.parse(output ?? 'null'), {
      orderId: input.orderId,
      lineCount: 3,
      stock: { orderId: input.orderId, reserved: true },
      carrier: { carrier: 'local-post' },
    });
  });
});
