// Step Functions fixtures: hand-written ASL following the dispatch envelope (docs/internal-contracts.md).
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { missingServices, probeEndpoint } from '../../../src/localstack/health.ts';
import { clients, uniqueName } from './aws.ts';

const ROLE_ARN = 'arn:aws:iam::000000000000:role/stepforge-test';

export interface RetrySpec {
  readonly ErrorEquals: string[];
  readonly IntervalSeconds: number;
  readonly MaxAttempts: number;
  readonly BackoffRate: number;
}

/** The Task state of an activity dispatch: the envelope as Parameters. */
export function activityTask(
  activityArn: string,
  options: { heartbeatSeconds?: number; timeoutSeconds?: number; retry?: RetrySpec[] } = {},
) {
  return {
    Type: 'Task',
    Resource: activityArn,
    Parameters: { 'input.$': '$', 'execution.$': '$$.Execution.Id', 'state.$': '$$.State.Name' },
    HeartbeatSeconds: options.heartbeatSeconds ?? 60,
    ...(options.timeoutSeconds ? { TimeoutSeconds: options.timeoutSeconds } : {}),
    ...(options.retry ? { Retry: options.retry } : {}),
    End: true,
  };
}

/** The Task state of a queue dispatch: sqs:sendMessage.waitForTaskToken with the envelope and the token. */
export function queueTask(queueUrl: string, options: { heartbeatSeconds?: number; retry?: RetrySpec[] } = {}) {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
    Parameters: {
      QueueUrl: queueUrl,
      MessageBody: {
        'input.$': '$',
        'execution.$': '$$.Execution.Id',
        'state.$': '$$.State.Name',
        'taskToken.$': '$$.Task.Token',
      },
    },
    HeartbeatSeconds: options.heartbeatSeconds ?? 60,
    ...(options.retry ? { Retry: options.retry } : {}),
    End: true,
  };
}

export async function createStateMachine(state: Record<string, unknown>, prefix = 'sf-test'): Promise<string> {
  const definition = { StartAt: 'Work', States: { Work: state } };
  const created = await clients.sfn.send(
    new CreateStateMachineCommand({
      name: uniqueName(prefix),
      roleArn: ROLE_ARN,
      definition: JSON.stringify(definition),
    }),
  );
  return created.stateMachineArn!;
}

export async function startExecution(stateMachineArn: string, input: unknown): Promise<string> {
  const started = await clients.sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  return started.executionArn!;
}

export async function waitForExecution(
  executionArn: string,
  timeoutMs = 90_000,
): Promise<DescribeExecutionCommandOutput> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const described = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    if (Date.now() > deadline) throw new Error(`execution ${executionArn} still RUNNING after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** The execution's result as one comparable value: its output on success, its error and cause otherwise. */
export async function executionResult(stateMachineArn: string, input: unknown) {
  const described = await waitForExecution(await startExecution(stateMachineArn, input));
  if (described.status === 'SUCCEEDED')
    return { status: described.status, output: JSON.parse(described.output ?? 'null') };
  return { status: described.status, error: described.error, cause: described.cause };
}

export async function history(executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/**
 * Queue dispatch needs STS: LocalStack's Step Functions assumes the execution role through STS before
 * `sqs:sendMessage.waitForTaskToken`, and fails the state with "Service 'sts' is not enabled" on a LocalStack started
 * without it (`stepforge localstack start` enables it; a hand-started one may not). Fails the suite up front with that
 * reason rather than skipping: a queue-dispatch test that did not run must not look green.
 */
export async function requireQueueDispatch(): Promise<void> {
  const endpoint = process.env.AWS_ENDPOINT_URL;
  if (!endpoint) return;
  const state = await probeEndpoint(endpoint, 5000);
  if (state.kind !== 'localstack') return; // not a LocalStack: AWS or another endpoint with STS of its own
  if (missingServices(state.health, ['sts']).length > 0) {
    const sts = state.health.services.sts;
    throw new Error(
      `the LocalStack at ${endpoint} runs without STS (sts: ${sts ?? 'absent'}): Step Functions cannot send a task token to SQS; start it with \`stepforge localstack start\``,
    );
  }
}
