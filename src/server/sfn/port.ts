import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandInput,
  type DescribeExecutionCommandOutput,
  DescribeStateMachineCommand,
  type DescribeStateMachineCommandInput,
  type DescribeStateMachineCommandOutput,
  type GetExecutionHistoryCommandInput,
  ListExecutionsCommand,
  type ListExecutionsCommandInput,
  type ListExecutionsCommandOutput,
  type SFNClient,
  StartExecutionCommand,
  type StartExecutionCommandInput,
  type StartExecutionCommandOutput,
  type StartSyncExecutionCommandInput,
  type StartSyncExecutionCommandOutput,
  StopExecutionCommand,
  type StopExecutionCommandInput,
  type StopExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { getExecutionHistoryJson, type HistoryPage } from './history-json.ts';
import { startSyncExecution } from './start-sync-execution.ts';

/**
 * The Step Functions calls the server makes. Routes depend on this, not on the SDK client, so a test can count
 * calls or stand in an endpoint with other paging behaviour; errors keep the SDK's names (`ExecutionDoesNotExist`...).
 */
export interface SfnPort {
  startExecution(input: StartExecutionCommandInput): Promise<StartExecutionCommandOutput>;
  describeExecution(input: DescribeExecutionCommandInput): Promise<DescribeExecutionCommandOutput>;
  listExecutions(input: ListExecutionsCommandInput): Promise<ListExecutionsCommandOutput>;
  /** Events in the API's JSON shape (ISO timestamps), not the SDK's: the history routes serve them as they are. */
  getExecutionHistory(input: GetExecutionHistoryCommandInput): Promise<HistoryPage>;
  stopExecution(input: StopExecutionCommandInput): Promise<StopExecutionCommandOutput>;
  /** EXPRESS workflows only: runs the execution to its end and returns its result. */
  startSyncExecution(input: StartSyncExecutionCommandInput): Promise<StartSyncExecutionCommandOutput>;
  /** For the workflow's type (STANDARD or EXPRESS), and for `/health`, which bounds it with `abortSignal`. */
  describeStateMachine(
    input: DescribeStateMachineCommandInput,
    options?: { readonly abortSignal?: AbortSignal },
  ): Promise<DescribeStateMachineCommandOutput>;
}

export function sfnPortFromClient(client: SFNClient): SfnPort {
  return {
    startExecution: (input) => client.send(new StartExecutionCommand(input)),
    describeExecution: (input) => client.send(new DescribeExecutionCommand(input)),
    listExecutions: (input) => client.send(new ListExecutionsCommand(input)),
    getExecutionHistory: (input) => getExecutionHistoryJson(client, input),
    stopExecution: (input) => client.send(new StopExecutionCommand(input)),
    startSyncExecution: (input) => startSyncExecution(client, input),
    describeStateMachine: (input, options) => client.send(new DescribeStateMachineCommand(input), options),
  };
}

/** The SDK's error name, e.g. `ExecutionDoesNotExist`, or undefined for anything that is not an SDK error. */
export function sfnErrorName(error: unknown): string | undefined {
  return error instanceof Error && '$metadata' in error ? error.name : undefined;
}
