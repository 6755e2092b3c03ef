// What the conformance test compares between a LocalStack execution and an in-process run: status, output, error,
// cause and the sequence of (event type, state name). Values that differ by nature between two executions
// (timestamps, UUIDs, ARNs carrying account/region) are masked first.
import { isDeepStrictEqual } from 'node:util';
import type { ObservedRun } from './localstack-execution.ts';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Replaces what two equal executions cannot share: times, UUIDs, task tokens. */
export function masked(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(masked);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, masked(inner)]));
  }
  if (typeof value === 'string') {
    if (ISO_TIME.test(value)) return '<time>';
    if (UUID.test(value)) return '<uuid>';
  }
  return value;
}

interface EventLike {
  readonly type?: string;
  readonly [details: string]: unknown;
}

function stateName(event: EventLike): string | undefined {
  const details = (event.stateEnteredEventDetails ?? event.stateExitedEventDetails) as { name?: string } | undefined;
  return details?.name;
}

/**
 * `TaskStateEntered Charge`, ... Parallel branches and Map iterations run concurrently on LocalStack, so events
 * between a container's Started and its Succeeded/Failed are compared as a sorted multiset, the rest in order.
 */
export function eventSequence(events: readonly EventLike[]): string[] {
  const out: string[] = [];
  let depth = 0;
  let inner: string[] = [];
  for (const event of events) {
    const type = event.type ?? '';
    const name = stateName(event);
    const line = name === undefined ? type : `${type} ${name}`;
    if (/^(Map|Parallel)StateStarted$/.test(type)) {
      if (depth === 0) out.push(line);
      else inner.push(line);
      depth += 1;
      continue;
    }
    if (/^(Map|Parallel)State(Succeeded|Failed|Aborted)$/.test(type) && depth > 0) {
      depth -= 1;
      if (depth === 0) {
        out.push(...inner.sort(), line);
        inner = [];
      } else inner.push(line);
      continue;
    }
    (depth > 0 ? inner : out).push(line);
  }
  return [...out, ...inner.sort()];
}

export interface Comparable {
  readonly status: string;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly events: readonly EventLike[];
}

/**
 * Errors the interpreter raises itself: their cause is wording (AWS documents the error name, not the sentence), so
 * only the name is compared. A Fail state's or a task's cause is data, compared exactly.
 */
const INTERPRETER_ERRORS = new Set(['States.Runtime', 'States.QueryEvaluationError', 'States.IntrinsicFailure']);

/** The fields on which the two runs differ, each with both values; empty when they agree. */
export function differences(localstack: ObservedRun, runner: Comparable): string[] {
  const found: string[] = [];
  const field = (name: string, left: unknown, right: unknown): void => {
    if (!isDeepStrictEqual(masked(left), masked(right)))
      found.push(`${name}: LocalStack ${JSON.stringify(left)} / runner ${JSON.stringify(right)}`);
  };
  field('status', localstack.status, runner.status);
  field('output', localstack.output, runner.output);
  field('error', localstack.error, runner.error);
  if (!(INTERPRETER_ERRORS.has(localstack.error ?? '') && localstack.error === runner.error))
    field('cause', localstack.cause, runner.cause);
  const left = eventSequence(localstack.events as unknown as readonly EventLike[]);
  const right = eventSequence(runner.events);
  if (!isDeepStrictEqual(left, right)) {
    const at = left.findIndex((line, index) => line !== right[index]);
    const index = at === -1 ? Math.min(left.length, right.length) : at;
    found.push(
      `events from #${index}: LocalStack ${JSON.stringify(left.slice(index, index + 3))} / runner ${JSON.stringify(right.slice(index, index + 3))}`,
    );
  }
  return found;
}
