// Concurrent POSTs with one Idempotency-Key, and stops that answer what really happened, against the shared LocalStack.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DeleteActivityCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
} from '@aws-sdk/client-sfn';
import { createApp } from '../../src/server/index.ts';
import {
  type DeployedFixture,
  deployFixture,
  localstackAppOptions,
  sfnClient,
  uniqueSuffix,
} from '../support/server/localstack-fixture.ts';

const DEFINITION = { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 2, End: true } } };
const JSON_TYPE = { 'content-type': 'application/json' };

let fixture: DeployedFixture;
let app: ReturnType<typeof createApp>;

before(async () => {
  fixture = await deployFixture('concurrent', DEFINITION, undefined);
  app = createApp(localstackAppOptions(fixture.files));
});
after(async () => fixture.remove());

async function executionsNamed(stateMachineArn: string, name: string): Promise<number> {
  const listed = await sfnClient.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }));
  return (listed.executions ?? []).filter((item) => item.name === name).length;
}

describe('one Idempotency-Key, many POSTs at once', () => {
  test('20 concurrent POSTs with one key and body: exactly one 201, nineteen 200, one execution (three rounds)', async () => {
    const send = (key: string) =>
      app.request(`/workflows/${fixture.workflow}/executions`, {
        method: 'POST',
        headers: { ...JSON_TYPE, 'idempotency-key': key },
        body: JSON.stringify({ order: 7, lines: ['a', 'b'] }),
      });
    // Warm connections and the workflow-type cache first: cold, the requests happen to queue behind one another.
    assert.equal((await send(`warm-${uniqueSuffix()}`)).status, 201);
    for (const round of [1, 2, 3]) {
      const key = `burst-${round}-${uniqueSuffix()}`;
      const responses = await Promise.all(Array.from({ length: 20 }, () => send(key)));
      const statuses = responses.map((response) => response.status);
      assert.equal(statuses.filter((status) => status === 201).length, 1, `round ${round}: ${statuses.join(' ')}`);
      assert.equal(statuses.filter((status) => status === 200).length, 19, `round ${round}: ${statuses.join(' ')}`);
      const arns = new Set(
        await Promise.all(
          responses.map(async (response) => ((await response.json()) as { executionArn: string }).executionArn),
        ),
      );
      assert.equal(arns.size, 1);
      assert.equal(await executionsNamed(fixture.stateMachineArn, key), 1);
    }
  });

  test('the same key with another body while the first is under way is 409', async () => {
    const key = `clash-${uniqueSuffix()}`;
    const send = (body: object) =>
      app.request(`/workflows/${fixture.workflow}/executions`, {
        method: 'POST',
        headers: { ...JSON_TYPE, 'idempotency-key': key },
        body: JSON.stringify(body),
      });
    const [first, second] = await Promise.all([send({ v: 1 }), send({ v: 2 })]);
    assert.deepEqual([first.status, second.status].sort(), [201, 409]);
    assert.equal(await executionsNamed(fixture.stateMachineArn, key), 1);
  });
});

describe('stop answers what happened', () => {
  let activityArn: string;
  let stateMachineArn: string;
  before(async () => {
    const suffix = uniqueSuffix();
    activityArn = (await sfnClient.send(new CreateActivityCommand({ name: `server-stop-${suffix}` }))).activityArn!;
    // Nobody polls the activity: the execution waits on it until stopped (or its timeout, so nothing is left behind).
    const definition = {
      StartAt: 'Work',
      States: { Work: { Type: 'Task', Resource: activityArn, TimeoutSeconds: 20, HeartbeatSeconds: 10, End: true } },
    };
    stateMachineArn = (
      await sfnClient.send(
        new CreateStateMachineCommand({
          name: `server-stop-${suffix}`,
          definition: JSON.stringify(definition),
          roleArn: 'arn:aws:iam::000000000000:role/stepforge-server-test',
        }),
      )
    ).stateMachineArn!;
  });
  after(async () => {
    await sfnClient.send(new DeleteStateMachineCommand({ stateMachineArn }));
    await sfnClient.send(new DeleteActivityCommand({ activityArn }));
  });

  test('an execution waiting for an activity task: 200 ABORTED as on AWS, or 409 naming the state it is really in', async (t) => {
    const files = JSON.parse(JSON.stringify(fixture.files)) as Record<string, string>;
    files['deployment.json'] = JSON.stringify({ workflows: { waiting: { stateMachineArn } } });
    const stopping = createApp(localstackAppOptions(files, { stopSettleMs: 1500 }));
    const started = await stopping.request('/workflows/waiting/executions', {
      method: 'POST',
      headers: JSON_TYPE,
      body: '{}',
    });
    assert.equal(started.status, 201);
    const { execution, executionArn } = (await started.json()) as { execution: string; executionArn: string };
    const response = await stopping.request(`/workflows/waiting/executions/${execution}/stop`, { method: 'POST' });
    const body = (await response.json()) as { status: unknown; executionStatus?: string; detail?: string };
    const actual = (await sfnClient.send(new DescribeExecutionCommand({ executionArn }))).status;
    t.diagnostic(`stop answered ${response.status}; the execution is ${actual}`);
    if (response.status === 200) {
      assert.equal(body.status, 'ABORTED');
    } else {
      // LocalStack accepts StopExecution here without the execution ever becoming ABORTED: the route says so.
      assert.equal(response.status, 409, JSON.stringify(body));
      assert.equal(body.executionStatus, 'RUNNING');
      assert.equal(actual, 'RUNNING');
      assert.match(body.detail ?? '', /still RUNNING after 1500 ms/);
    }
  });
});
