import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  type ExecutionStatus,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { AwsClients, Logger } from '../../aws/index.ts';

/** What each feature check gets: the clients, a unique suffix for names in a shared LocalStack, and a logger. */
export interface ProbeContext {
  readonly clients: AwsClients;
  readonly suffix: string;
  readonly logger: Logger;
}

export interface ExecutionOutcome {
  readonly executionArn: string;
  readonly status: ExecutionStatus | undefined;
  readonly output: unknown;
  readonly error: string | undefined;
  readonly cause: string | undefined;
}

const PROBE_ROLE = 'arn:aws:iam::000000000000:role/stepforge-probe';

export async function createStateMachine(context: ProbeContext, name: string, definition: object): Promise<string> {
  const created = await context.clients.sfn.send(
    new CreateStateMachineCommand({
      name: `${name}-${context.suffix}`,
      definition: JSON.stringify(definition),
      roleArn: PROBE_ROLE,
    }),
  );
  return created.stateMachineArn!;
}

export async function waitForExecution(
  context: ProbeContext,
  executionArn: string,
  timeoutMs = 60_000,
): Promise<ExecutionOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const described = await context.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING' || Date.now() > deadline) {
      return {
        executionArn,
        status: described.status,
        output: described.output === undefined ? undefined : JSON.parse(described.output),
        error: described.error,
        cause: described.cause,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function startExecution(context: ProbeContext, stateMachineArn: string, input: unknown): Promise<string> {
  const started = await context.clients.sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
  );
  return started.executionArn!;
}

/** Creates a state machine, runs it to the end, deletes it. */
export async function runStateMachine(
  context: ProbeContext,
  name: string,
  definition: object,
  input: unknown = {},
): Promise<ExecutionOutcome> {
  const stateMachineArn = await createStateMachine(context, name, definition);
  try {
    return await waitForExecution(context, await startExecution(context, stateMachineArn, input));
  } finally {
    await context.clients.sfn.send(new DeleteStateMachineCommand({ stateMachineArn })).catch(() => undefined);
  }
}

export function describeFailure(outcome: ExecutionOutcome): string {
  return `execution ${outcome.status}${outcome.error ? `: ${outcome.error}` : ''}${outcome.cause ? ` (${outcome.cause.slice(0, 200)})` : ''}`;
}
