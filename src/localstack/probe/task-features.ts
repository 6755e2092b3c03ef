import {
  CreateActivityCommand,
  DeleteActivityCommand,
  GetActivityTaskCommand,
  SendTaskSuccessCommand,
} from '@aws-sdk/client-sfn';
import { CreateQueueCommand, DeleteQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { FeatureResult } from './feature-result.ts';
import {
  createStateMachine,
  describeFailure,
  type ProbeContext,
  startExecution,
  waitForExecution,
} from './probe-context.ts';

/** A Task on an activity, served by one GetActivityTask + SendTaskSuccess. */
export async function probeActivities(context: ProbeContext): Promise<FeatureResult> {
  const { sfn } = context.clients;
  const activity = await sfn.send(new CreateActivityCommand({ name: `probe-activity-${context.suffix}` }));
  const activityArn = activity.activityArn!;
  try {
    const stateMachineArn = await createStateMachine(context, 'probe-activity', {
      StartAt: 'Work',
      States: { Work: { Type: 'Task', Resource: activityArn, TimeoutSeconds: 60, End: true } },
    });
    const executionArn = await startExecution(context, stateMachineArn, { ping: 1 });
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'stepforge-probe' }));
    if (!task.taskToken)
      return { supported: false, detail: 'GetActivityTask returned no task for a waiting execution' };
    const input = JSON.parse(task.input ?? '{}') as { ping?: number };
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: task.taskToken, output: JSON.stringify({ pong: input.ping }) }),
    );
    const outcome = await waitForExecution(context, executionArn);
    if (outcome.status === 'SUCCEEDED' && (outcome.output as { pong?: number }).pong === 1) {
      return {
        supported: true,
        detail: 'GetActivityTask delivered the input; SendTaskSuccess completed the execution',
      };
    }
    return { supported: false, detail: describeFailure(outcome) };
  } finally {
    await sfn.send(new DeleteActivityCommand({ activityArn })).catch(() => undefined);
  }
}

/** The dispatched message, or why none came: a failed execution says more than an empty queue. */
async function receiveWhileRunning(
  context: ProbeContext,
  queueUrl: string,
  executionArn: string,
): Promise<string | FeatureResult> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const received = await context.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 2, MaxNumberOfMessages: 1 }),
    );
    const body = received.Messages?.[0]?.Body;
    if (body) return body;
    const outcome = await waitForExecution(context, executionArn, 0);
    if (outcome.status !== 'RUNNING')
      return { supported: false, detail: `no message was sent; ${describeFailure(outcome)}` };
  }
  return { supported: false, detail: 'no message with a task token arrived within 30 s' };
}

/** `sqs:sendMessage.waitForTaskToken`: the token travels in the message and SendTaskSuccess resumes the execution. */
export async function probeWaitForTaskToken(context: ProbeContext): Promise<FeatureResult> {
  const { sfn, sqs } = context.clients;
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: `probe-token-${context.suffix}` }));
  const queueUrl = queue.QueueUrl!;
  try {
    const stateMachineArn = await createStateMachine(context, 'probe-token', {
      StartAt: 'Dispatch',
      States: {
        Dispatch: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { QueueUrl: queueUrl, MessageBody: { 'token.$': '$$.Task.Token', 'input.$': '$' } },
          TimeoutSeconds: 60,
          End: true,
        },
      },
    });
    const executionArn = await startExecution(context, stateMachineArn, { ping: 2 });
    const body = await receiveWhileRunning(context, queueUrl, executionArn);
    if (typeof body !== 'string') return { supported: false, detail: body.detail };
    const message = JSON.parse(body) as { token?: string; input?: { ping?: number } };
    if (!message.token) return { supported: false, detail: `message without token: ${body.slice(0, 200)}` };
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: message.token, output: JSON.stringify({ pong: message.input?.ping }) }),
    );
    const outcome = await waitForExecution(context, executionArn);
    if (outcome.status === 'SUCCEEDED' && (outcome.output as { pong?: number }).pong === 2) {
      return {
        supported: true,
        detail: 'the token arrived in the SQS message; SendTaskSuccess completed the execution',
      };
    }
    return { supported: false, detail: describeFailure(outcome) };
  } finally {
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => undefined);
  }
}
