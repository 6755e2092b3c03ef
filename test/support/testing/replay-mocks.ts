// Task mocks that answer as LocalStack's services answered in a recorded history: for each Task state, in call
// order, the TaskSucceeded output or the TaskFailed error and cause. The conformance test runs a definition that
// calls S3 on LocalStack first, then in-process with these, so both sides see identical service answers and any
// difference is the interpreter's.
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { TaskFailure, type TaskMocks } from '../../../src/testing/index.ts';

type Answer = { readonly output: unknown } | { readonly error: string; readonly cause: string };

export function replayMocks(events: readonly HistoryEvent[]): TaskMocks {
  const answers = new Map<string, Answer[]>();
  let state = '';
  for (const event of events) {
    if (event.type === 'TaskStateEntered') state = event.stateEnteredEventDetails?.name ?? '';
    const list = answers.get(state) ?? [];
    if (event.type === 'TaskSucceeded')
      list.push({ output: JSON.parse(event.taskSucceededEventDetails?.output ?? 'null') });
    else if (event.type === 'TaskFailed')
      list.push({ error: event.taskFailedEventDetails?.error ?? '', cause: event.taskFailedEventDetails?.cause ?? '' });
    answers.set(state, list);
  }
  return Object.fromEntries(
    [...answers].map(([name, list]) => [
      name,
      ({ call }: { call: number }) => {
        const answer = list[call - 1];
        if (!answer) throw new TaskFailure('Replay.NoAnswer', `LocalStack's history has no answer ${call} for ${name}`);
        if ('error' in answer) throw new TaskFailure(answer.error, answer.cause);
        return answer.output;
      },
    ]),
  );
}
