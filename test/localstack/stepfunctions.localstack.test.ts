import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DeleteActivityCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import { eventually, TEST_ROLE, testClients, uniqueName } from '../support/localstack.ts';

describe('Step Functions on LocalStack', () => {
  const { sfn, sqs } = testClients();
  const cleanups: Array<() => Promise<unknown>> = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  async function createStateMachine(definition: object): Promise<string> {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: uniqueName('sf-sm'),
        definition: JSON.stringify(definition),
        roleArn: TEST_ROLE,
      }),
    );
    cleanups.push(() => sfn.send(new DeleteStateMachineCommand({ stateMachineArn })));
    return stateMachineArn!;
  }

  function finished(executionArn: string): Promise<DescribeExecutionCommandOutput> {
    return eventually(`execution ${executionArn} to finish`, async () => {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return described.status === 'RUNNING' ? undefined : described;
    });
  }

  it('runs a Task on an activity served by a worker loop', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: uniqueName('sf-activity') }));
    cleanups.push(() => sfn.send(new DeleteActivityCommand({ activityArn })));
    const stateMachineArn = await createStateMachine({
      StartAt: 'Double',
      States: { Double: { Type: 'Task', Resource: activityArn, TimeoutSeconds: 120, End: true } },
    });
    const executions = await Promise.all(
      [1, 2, 3].map(
        async (n) =>
          (await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ n }) }))).executionArn!,
      ),
    );

    // The worker loop: poll (held up to 60 s by the service, hence the client's longer timeout), work, report.
    const served: number[] = [];
    while (served.length < executions.length) {
      const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'test-worker' }));
      if (!task.taskToken) continue;
      const { n } = JSON.parse(task.input!) as { n: number };
      served.push(n);
      await sfn.send(
        new SendTaskSuccessCommand({ taskToken: task.taskToken, output: JSON.stringify({ doubled: n * 2 }) }),
      );
    }
    assert.deepEqual(served.sort(), [1, 2, 3]);
    const outputs = await Promise.all(executions.map(async (arn) => finished(arn)));
    assert.deepEqual(outputs.map((described) => [described.status, JSON.parse(described.output!).doubled]).sort(), [
      ['SUCCEEDED', 2],
      ['SUCCEEDED', 4],
      ['SUCCEEDED', 6],
    ]);
  });

  it('resumes an sqs:sendMessage.waitForTaskToken step on SendTaskSuccess', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('sf-tokens') }));
    cleanups.push(() => sqs.send(new DeleteQueueCommand({ QueueUrl })));
    const stateMachineArn = await createStateMachine({
      StartAt: 'Dispatch',
      States: {
        Dispatch: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: {
            QueueUrl,
            MessageBody: { 'taskToken.$': '$$.Task.Token', 'input.$': '$', 'state.$': '$$.State.Name' },
          },
          TimeoutSeconds: 120,
          Next: 'Done',
        },
        Done: { Type: 'Pass', End: true },
      },
    });
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ key: 'photos/a.jpg' }) }),
    );
    const message = await eventually('the dispatched message', async () => {
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }));
      if (received.Messages?.[0]) return received.Messages[0];
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      // A failed dispatch (e.g. "Service 'sts' is not enabled") should fail the test with its cause, not a timeout.
      assert.equal(
        described.status,
        'RUNNING',
        `execution ended before dispatching: ${described.error} ${described.cause}`,
      );
      return undefined;
    });
    const body = JSON.parse(message.Body!) as { taskToken: string; input: { key: string }; state: string };
    assert.deepEqual(body.input, { key: 'photos/a.jpg' });
    assert.equal(body.state, 'Dispatch');
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle! }));
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: body.taskToken, output: JSON.stringify({ archived: body.input.key }) }),
    );
    const described = await finished(executionArn!);
    assert.equal(described.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(described.output!), { archived: 'photos/a.jpg' });
  });

  it('returns the execution history with the expected event types in order', async () => {
    const stateMachineArn = await createStateMachine({
      StartAt: 'Prepare',
      States: {
        Prepare: { Type: 'Pass', Result: { ready: true }, Next: 'Check' },
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$.ready', BooleanEquals: true, Next: 'Finish' }],
          Default: 'Broken',
        },
        Broken: { Type: 'Fail', Error: 'Test.Broken' },
        Finish: { Type: 'Succeed' },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
    assert.equal((await finished(executionArn!)).status, 'SUCCEEDED');
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const events = history.events ?? [];
    assert.deepEqual(
      events.map((event) => event.type),
      [
        'ExecutionStarted',
        'PassStateEntered',
        'PassStateExited',
        'ChoiceStateEntered',
        'ChoiceStateExited',
        'SucceedStateEntered',
        'SucceedStateExited',
        'ExecutionSucceeded',
      ],
    );
    assert.deepEqual(
      events.map((event) => event.id),
      events.map((_, index) => index + 1),
    );
    assert.equal(events[1]!.stateEnteredEventDetails?.name, 'Prepare');
    const reversed = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true }));
    assert.equal(reversed.events?.[0]?.type, 'ExecutionSucceeded');
  });
});
