// One execution of an ASL definition on LocalStack, read back as the conformance test compares it: status, output,
// error, cause and the raw history. Creates its own state machine and deletes it afterwards.
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { eventually, TEST_ROLE } from '../localstack.ts';

export interface ObservedRun {
  readonly status: string;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly events: readonly HistoryEvent[];
}

export interface LocalStackCase {
  readonly name: string;
  readonly definition: unknown;
  readonly input: unknown;
  /** Bound on the execution's own runtime (its Waits). */
  readonly timeoutMs: number;
}

/** A definition LocalStack refuses to create is a result too (its parser lacks ItemBatcher, for one). */
export async function runOnLocalStack(sfn: SFNClient, run: LocalStackCase): Promise<ObservedRun> {
  let stateMachineArn: string | undefined;
  try {
    ({ stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: run.name,
        roleArn: TEST_ROLE,
        definition: JSON.stringify(run.definition),
      }),
    ));
  } catch (error) {
    if ((error as Error).name !== 'InvalidDefinition') throw error;
    return {
      status: 'CREATION_REFUSED',
      error: 'InvalidDefinition',
      cause: (error as Error).message.slice(0, 160),
      events: [],
    };
  }
  try {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: run.name, input: JSON.stringify(run.input) }),
    );
    const described = await eventually(
      `the execution of ${run.name}`,
      async () => {
        const result = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        return result.status === 'RUNNING' ? undefined : result;
      },
      run.timeoutMs,
    );
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn, includeExecutionData: true, nextToken, maxResults: 1000 }),
      );
      events.push(...(page.events ?? []));
      // LocalStack ignores paging (LOCALSTACK-NOTES.md) and answers the whole history with no token.
      nextToken = page.nextToken;
    } while (nextToken);
    return {
      status: described.status ?? 'UNKNOWN',
      ...(described.output !== undefined && { output: JSON.parse(described.output) }),
      ...(described.error !== undefined && { error: described.error }),
      ...(described.cause !== undefined && { cause: described.cause }),
      events,
    };
  } finally {
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
  }
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the results in order. */
export async function mapConcurrently<Item, Result>(
  items: readonly Item[],
  limit: number,
  work: (item: Item) => Promise<Result>,
): Promise<Result[]> {
  const results: Result[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as Item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
