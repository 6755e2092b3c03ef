// What a redrive needs to know of the run it continues: how each thread of states ended. A thread is the
// execution's top level, a Parallel branch, a Map iteration or a Distributed Map child, keyed by where it runs
// (`/Fan[1]` is branch 1 of the Parallel state Fan at the top level). A succeeded thread keeps its output (a redrive
// does not run it again); one that failed or was aborted keeps the state it stopped at, that state's input and the
// variables it had assigned itself, so that a redrive starts it again right there
// (https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html: a redrive restarts from the
// unsuccessful state, and reruns only the unsuccessful iterations and branches of Map and Parallel states).
import type { JsonValue } from '../json.ts';
import type { ChildExecution } from './distributed-map/index.ts';
import type { Frame } from './execution.ts';

export type ThreadRecord =
  | { readonly status: 'succeeded'; readonly output: JsonValue; readonly child?: ChildExecution }
  | {
      readonly status: 'stopped';
      readonly state: string;
      readonly input: JsonValue;
      readonly variables: Readonly<Record<string, JsonValue>>;
      readonly child?: ChildExecution;
    };

/** How the run's threads ended, and the Map Run ARN of each Distributed Map (a redrive keeps its Map Run). */
export interface ThreadRecords {
  readonly threads: Map<string, ThreadRecord>;
  readonly mapRunArns: Map<string, string>;
}

export function newThreadRecords(): ThreadRecords {
  return { threads: new Map(), mapRunArns: new Map() };
}

/** The key of thread `index` of the container state `stateName` run in the thread `parentKey`. */
export function threadKey(parentKey: string, stateName: string, index: number): string {
  return `${parentKey}/${stateName}[${index}]`;
}

/**
 * In a redrive: this thread's record if it succeeded in the run redriven. It is not run again, and its record
 * carries over to this run's, for the next redrive.
 */
export function succeededBefore(frame: Frame): Extract<ThreadRecord, { status: 'succeeded' }> | undefined {
  const record = frame.execution.resume?.threads.get(frame.key);
  if (record?.status !== 'succeeded') return undefined;
  frame.execution.records.threads.set(frame.key, record);
  return record;
}
