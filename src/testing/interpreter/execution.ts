// What one run shares across all its states (history, clock, mocks, randomness, the Context object's execution
// part), and the frame each thread of states runs in (its variables, history thread, abort signal).
import type { TaskTokens } from '../callbacks.ts';
import type { Clock } from '../clock.ts';
import type { History, Thread } from '../history.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import type { TaskMocks } from '../mocks.ts';
import type { MemoryS3 } from '../s3/index.ts';
import type { MapRun } from './distributed-map/index.ts';
import type { ThreadRecords } from './resume.ts';
import type { VariableScope } from './variables.ts';

export type QueryLanguage = 'JSONPath' | 'JSONata';

export interface StepRecord {
  readonly name: string;
  readonly type: string;
  status: 'running' | 'succeeded' | 'caught' | 'failed';
  readonly input: JsonValue;
  output?: JsonValue;
  error?: string;
  cause?: string;
  /** Attempts made: 1 plus the retries. */
  attempts: number;
  readonly enteredEventId: number;
}

export interface Execution {
  readonly history: History;
  readonly clock: Clock;
  readonly mocks: TaskMocks;
  readonly calls: Map<string, number>;
  readonly tokens: TaskTokens;
  readonly random: () => number;
  /** `$$.Execution` and `$$.StateMachine`. */
  readonly contextBase: JsonObject;
  readonly path: string[];
  readonly steps: StepRecord[];
  readonly region: string;
  readonly account: string;
  /** The Map Runs of the run's Distributed Maps, each with its child executions' histories. */
  readonly mapRuns: MapRun[];
  /** The run's in-memory S3 (ItemReader, ResultWriter, task-container fakes). */
  readonly s3: MemoryS3;
  /** Whether `aws-sdk:s3:*` Tasks without a mock are answered from `s3` (the test gave the run an S3). */
  readonly s3Integrations: boolean;
  /** How this run's threads end (what a redrive of it continues from). */
  readonly records: ThreadRecords;
  /** A redrive: how the threads of the run it continues ended. */
  readonly resume?: ThreadRecords;
  /** 0, or which redrive of the execution this run is. */
  readonly redriveCount: number;
}

export interface Frame {
  readonly execution: Execution;
  readonly scope: VariableScope;
  readonly thread: Thread;
  /** Where this thread runs: '' at the top level, `/<state>[<index>]` per Parallel branch or Map iteration. */
  readonly key: string;
  /** The QueryLanguage states of this frame default to (the state machine's top-level one). */
  readonly language: QueryLanguage;
  /** Aborted when the execution times out, or when a sibling branch or iteration failed. */
  readonly signal: AbortSignal;
}

/** The Context object a state sees: execution and state machine, the state, and the task token / Map item. */
export function contextObject(
  frame: Frame,
  state: { readonly name: string; readonly enteredTime: string; readonly retryCount: number },
  extra: JsonObject = {},
): JsonObject {
  return {
    ...frame.execution.contextBase,
    State: { EnteredTime: state.enteredTime, Name: state.name, RetryCount: state.retryCount },
    ...extra,
  };
}
