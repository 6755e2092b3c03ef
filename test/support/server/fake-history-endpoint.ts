// A stand-in for GetExecutionHistory with a history of any size, in both paging behaviours: AWS's (honours
// maxResults, returns nextToken) and LocalStack's (returns everything at once). LocalStack itself cannot show the
// first, and a 25,000-event execution takes it minutes to produce, so the paging logic is proven here; the
// LocalStack-backed tests in api.localstack.test.ts prove the second against the real thing.
import type { GetExecutionHistoryCommandInput } from '@aws-sdk/client-sfn';
import { createLogger } from '../../../src/aws/index.ts';
import { type AppOptions, type HistoryEventJson, memoryBuildReader, type SfnPort } from '../../../src/server/index.ts';

export const FAKE_STATE_MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:big';

const at = (ms: number) => new Date(ms).toISOString();

export function passHistory(eventCount: number): HistoryEventJson[] {
  const events: HistoryEventJson[] = [
    {
      id: 1,
      previousEventId: 0,
      type: 'ExecutionStarted',
      timestamp: at(0),
      executionStartedEventDetails: { input: '{}' },
    },
  ];
  while (events.length < eventCount - 1) {
    const id = events.length + 1;
    const name = `S${id}`;
    events.push({
      id,
      previousEventId: id - 1,
      type: 'PassStateEntered',
      timestamp: at(id),
      stateEnteredEventDetails: { name, input: '{}' },
    });
    events.push({
      id: id + 1,
      previousEventId: id,
      type: 'PassStateExited',
      timestamp: at(id + 1),
      stateExitedEventDetails: { name, output: '{}' },
    });
  }
  events.push({
    id: events.length + 1,
    previousEventId: events.length,
    type: 'ExecutionSucceeded',
    timestamp: at(eventCount),
    executionSucceededEventDetails: { output: '{}' },
  });
  return events;
}

export interface FakeEndpoint {
  readonly port: SfnPort;
  readonly calls: GetExecutionHistoryCommandInput[];
}

export function fakeHistoryEndpoint(events: HistoryEventJson[], honoursPaging: boolean): FakeEndpoint {
  const calls: GetExecutionHistoryCommandInput[] = [];
  const unsupported = async (): Promise<never> => {
    throw new Error('not used by these tests');
  };
  return {
    calls,
    port: {
      async getExecutionHistory(input) {
        calls.push(input);
        const ordered = input.reverseOrder ? [...events].reverse() : events;
        if (!honoursPaging) return { events: ordered };
        const start = input.nextToken ? Number(input.nextToken.slice('token-'.length)) : 0;
        const end = start + (input.maxResults || 100);
        return { events: ordered.slice(start, end), ...(end < ordered.length ? { nextToken: `token-${end}` } : {}) };
      },
      describeExecution: async () => ({ status: 'SUCCEEDED', $metadata: {} }) as never,
      startExecution: unsupported,
      listExecutions: unsupported,
      stopExecution: unsupported,
      startSyncExecution: unsupported,
      describeStateMachine: unsupported,
    },
  };
}

export function fakeAppOptions(port: SfnPort): AppOptions {
  return {
    sfn: port,
    build: memoryBuildReader({
      'deployment.json': JSON.stringify({ workflows: { big: { stateMachineArn: FAKE_STATE_MACHINE } } }),
    }),
    logger: createLogger({ pretty: false, level: 'error', write: () => {} }),
  };
}
