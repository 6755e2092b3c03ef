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

/** Per call: aborting the signal gives up on the call (the SDK closes its connection). */
export interface CallOptions {
  readonly abortSignal?: AbortSignal;
}

/**
 * The Step Functions calls the server makes. Routes depend on this, not on the SDK client, so a test can count
 * calls or stand in an endpoint with other paging behaviour; errors keep the SDK's names (`ExecutionDoesNotExist`...).
 */
export interface SfnPort {
  startExecution(input: StartExecutionCommandInput, options?: CallOptions): Promise<StartExecutionCommandOutput>;
  describeExecution(
    input: DescribeExecutionCommandInput,
    options?: CallOptions,
  ): Promise<DescribeExecutionCommandOutput>;
  listExecutions(input: ListExecutionsCommandInput, options?: CallOptions): Promise<ListExecutionsCommandOutput>;
  /** Events in the API's JSON shape (ISO timestamps), not the SDK's: the history routes serve them as they are. */
  getExecutionHistory(input: GetExecutionHistoryCommandInput, options?: CallOptions): Promise<HistoryPage>;
  stopExecution(input: StopExecutionCommandInput, options?: CallOptions): Promise<StopExecutionCommandOutput>;
  /** EXPRESS workflows only: runs the execution to its end and returns its result. */
  startSyncExecution(
    input: StartSyncExecutionCommandInput,
    options?: CallOptions,
  ): Promise<StartSyncExecutionCommandOutput>;
  /** For the workflow's type (STANDARD or EXPRESS), which decides what the routes can do. */
  describeStateMachine(
    input: DescribeStateMachineCommandInput,
    options?: CallOptions,
  ): Promise<DescribeStateMachineCommandOutput>;
}

export function sfnPortFromClient(client: SFNClient): SfnPort {
  return {
    startExecution: (input, options) => client.send(new StartExecutionCommand(input), options),
    describeExecution: (input, options) => client.send(new DescribeExecutionCommand(input), options),
    listExecutions: (input, options) => client.send(new ListExecutionsCommand(input), options),
    getExecutionHistory: (input, options) => getExecutionHistoryJson(client, input, options),
    stopExecution: (input, options) => client.send(new StopExecutionCommand(input), options),
    startSyncExecution: (input, options) => startSyncExecution(client, input, options),
    describeStateMachine: (input, options) => client.send(new DescribeStateMachineCommand(input), options),
  };
}

/** The SDK's error name, e.g. `ExecutionDoesNotExist`, or undefined for anything that is not an SDK error. */
export function sfnErrorName(error: unknown): string | undefined {
  return error instanceof Error && '$metadata' in error ? error.name : undefined;
}
