import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandInput,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type GetExecutionHistoryCommandInput,
  type GetExecutionHistoryCommandOutput,
  ListExecutionsCommand,
  type ListExecutionsCommandInput,
  type ListExecutionsCommandOutput,
  type SFNClient,
  StartExecutionCommand,
  type StartExecutionCommandInput,
  type StartExecutionCommandOutput,
  StopExecutionCommand,
  type StopExecutionCommandInput,
  type StopExecutionCommandOutput,
} from '@aws-sdk/client-sfn';

/**
 * The five Step Functions calls the server makes. Routes depend on this, not on the SDK client, so a test can count
 * calls or stand in an endpoint with other paging behaviour; errors keep the SDK's names (`ExecutionDoesNotExist`...).
 */
export interface SfnPort {
  startExecution(input: StartExecutionCommandInput): Promise<StartExecutionCommandOutput>;
  describeExecution(input: DescribeExecutionCommandInput): Promise<DescribeExecutionCommandOutput>;
  listExecutions(input: ListExecutionsCommandInput): Promise<ListExecutionsCommandOutput>;
  getExecutionHistory(input: GetExecutionHistoryCommandInput): Promise<GetExecutionHistoryCommandOutput>;
  stopExecution(input: StopExecutionCommandInput): Promise<StopExecutionCommandOutput>;
}

export function sfnPortFromClient(client: SFNClient): SfnPort {
  return {
    startExecution: (input) => client.send(new StartExecutionCommand(input)),
    describeExecution: (input) => client.send(new DescribeExecutionCommand(input)),
    listExecutions: (input) => client.send(new ListExecutionsCommand(input)),
    getExecutionHistory: (input) => client.send(new GetExecutionHistoryCommand(input)),
    stopExecution: (input) => client.send(new StopExecutionCommand(input)),
  };
}

/** The SDK's error name, e.g. `ExecutionDoesNotExist`, or undefined for anything that is not an SDK error. */
export function sfnErrorName(error: unknown): string | undefined {
  return error instanceof Error && '$metadata' in error ? error.name : undefined;
}
