import type { BranchResolver } from './branch-resolver.ts';
import { detailsOf, type HistoryEventLike, isoTime, parsePayload } from './events.ts';
import type { FailedAttempt, ScopeMarker, StepRow, StepStatus } from './step-row.ts';

/** Events that begin one attempt of a task-like state (so retries count). */
const ATTEMPT_STARTS = new Set(['TaskScheduled', 'ActivityScheduled', 'LambdaFunctionScheduled']);
/** Events that end an attempt in failure; their details carry `error` and `cause`. */
const ATTEMPT_FAILURES = new Set([
  'TaskFailed',
  'TaskTimedOut',
  'TaskStartFailed',
  'TaskSubmitFailed',
  'ActivityFailed',
  'ActivityTimedOut',
  'ActivityScheduleFailed',
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
  'LambdaFunctionStartFailed',
  'LambdaFunctionScheduleFailed',
]);
const CONTAINER_EVENT = /^(Map|Parallel)State(Started|Succeeded|Failed|Aborted)$/;
const EXECUTION_END_STATUS: Readonly<Record<string, StepStatus>> = {
  ExecutionFailed: 'failed',
  ExecutionAborted: 'aborted',
  ExecutionTimedOut: 'timed_out',
};

interface OpenRow {
  readonly name: string;
  readonly type: string;
  readonly scope: readonly ScopeMarker[];
  readonly enteredEventId: number;
  readonly startedAt: string | null;
  readonly input: unknown;
  endedAt: string | null;
  output: unknown;
  status: StepStatus;
  attempts: number;
  lastAttemptFailed: boolean;
  failedAttempts: FailedAttempt[];
  /** Branches of a Parallel row seen so far, for numbering when no definition is at hand. */
  branchesSeen: string[];
}

function isPrefix(prefix: readonly ScopeMarker[], scope: readonly ScopeMarker[]): boolean {
  if (prefix.length > scope.length) return false;
  return prefix.every((marker, index) => JSON.stringify(marker) === JSON.stringify(scope[index]));
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function durationBetween(start: string | null, end: string | null): number | null {
  if (start === null || end === null) return null;
  return Date.parse(end) - Date.parse(start);
}

function finish(row: OpenRow): StepRow {
  const lastFailure = row.lastAttemptFailed ? row.failedAttempts[row.failedAttempts.length - 1] : undefined;
  const innermost = row.scope[row.scope.length - 1];
  return {
    name: row.name,
    type: row.type,
    status: row.status,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    durationMs: durationBetween(row.startedAt, row.endedAt),
    input: row.input,
    output: row.output,
    error: lastFailure?.error ?? null,
    cause: lastFailure?.cause ?? null,
    attempts: Math.max(row.attempts, 1),
    failedAttempts: row.failedAttempts,
    ...(innermost && 'iteration' in innermost ? { iteration: innermost.iteration } : {}),
    ...(innermost && 'branch' in innermost ? { branch: innermost.branch } : {}),
    ...(innermost ? { parent: innermost.state } : {}),
    scope: row.scope,
    enteredEventId: row.enteredEventId,
  };
}

/**
 * Condenses a raw execution history into one row per state entered. Events of parallel work interleave, so each
 * event's place (which Map iteration, which Parallel branch) is found through its `previousEventId` chain, not by
 * its position in the list.
 */
export function foldSteps(events: readonly HistoryEventLike[], resolveBranch?: BranchResolver): StepRow[] {
  const ordered = [...events].sort((left, right) => left.id - right.id);
  const scopeByEvent = new Map<number, readonly ScopeMarker[]>();
  const rowByEvent = new Map<number, OpenRow>();
  const eventById = new Map<number, HistoryEventLike>();
  const rows: OpenRow[] = [];
  // Only a handful of rows are open at once, so lookups scan this set, never the whole (possibly huge) history.
  const open = new Set<OpenRow>();

  const openRows = () => [...open];
  /** The deepest open row matching `test` whose scope encloses `scope`: a state's own exit is seen from inside it. */
  const findOpen = (scope: readonly ScopeMarker[], test: (row: OpenRow) => boolean): OpenRow | undefined =>
    openRows()
      .filter((row) => test(row) && isPrefix(row.scope, scope))
      .sort((left, right) => right.scope.length - left.scope.length || right.enteredEventId - left.enteredEventId)[0];

  const chainScope = (event: HistoryEventLike): readonly ScopeMarker[] => {
    const previous = event.previousEventId ? eventById.get(event.previousEventId) : undefined;
    if (!previous) return [];
    const base = scopeByEvent.get(previous.id) ?? [];
    if (previous.type === 'MapIterationStarted') {
      const details = detailsOf(previous);
      return [...base, { state: String(details.name ?? ''), iteration: Number(details.index ?? 0) }];
    }
    if (previous.type === 'ParallelStateStarted' && event.type?.endsWith('StateEntered')) {
      const parallel = rowByEvent.get(previous.id);
      const first = String(detailsOf(event).name ?? '');
      if (parallel) {
        let branch = resolveBranch?.(parallel.name, first);
        if (branch === undefined) {
          if (!parallel.branchesSeen.includes(first)) parallel.branchesSeen.push(first);
          branch = parallel.branchesSeen.indexOf(first);
        }
        return [...base, { state: parallel.name, branch }];
      }
    }
    return base;
  };

  for (const event of ordered) {
    eventById.set(event.id, event);
    const type = event.type ?? '';
    const details = detailsOf(event);
    const at = isoTime(event.timestamp);
    const scope = chainScope(event);
    scopeByEvent.set(event.id, scope);

    if (type.endsWith('StateEntered')) {
      const row: OpenRow = {
        name: String(details.name ?? ''),
        type: type.slice(0, -'StateEntered'.length),
        scope,
        enteredEventId: event.id,
        startedAt: at,
        input: parsePayload(details.input),
        endedAt: null,
        output: null,
        status: 'running',
        attempts: 0,
        lastAttemptFailed: false,
        failedAttempts: [],
        branchesSeen: [],
      };
      rows.push(row);
      open.add(row);
      rowByEvent.set(event.id, row);
    } else if (type.endsWith('StateExited')) {
      const row = findOpen(scope, (candidate) => candidate.name === details.name);
      if (!row) continue;
      row.endedAt = at;
      row.output = parsePayload(details.output);
      row.status = row.lastAttemptFailed ? 'caught' : 'succeeded';
      open.delete(row);
      scopeByEvent.set(event.id, row.scope);
      rowByEvent.set(event.id, row);
    } else if (CONTAINER_EVENT.test(type) || type.startsWith('MapIteration')) {
      // Container events chain from inside the last finished iteration or branch; they belong to the container.
      const kind = type.startsWith('Parallel') ? 'Parallel' : 'Map';
      const row =
        type === 'MapStateStarted' || type === 'ParallelStateStarted'
          ? rowByEvent.get(event.previousEventId ?? -1)
          : findOpen(scope, (candidate) => candidate.type === kind && (!details.name || candidate.name === details.name));
      if (!row) continue;
      scopeByEvent.set(event.id, row.scope);
      rowByEvent.set(event.id, row);
      if (type.endsWith('StateFailed')) {
        row.lastAttemptFailed = true;
        row.failedAttempts.push({
          attempt: row.failedAttempts.length + 1,
          error: stringOrNull(details.error),
          cause: stringOrNull(details.cause),
          at,
        });
      }
    } else if (EXECUTION_END_STATUS[type]) {
      for (const row of openRows()) {
        row.status = row.lastAttemptFailed ? 'failed' : (EXECUTION_END_STATUS[type] ?? 'failed');
        row.endedAt = at;
        open.delete(row);
      }
    } else {
      const row = rowByEvent.get(event.previousEventId ?? -1);
      if (!row) continue;
      rowByEvent.set(event.id, row);
      if (ATTEMPT_STARTS.has(type)) {
        row.attempts += 1;
        row.lastAttemptFailed = false;
      } else if (ATTEMPT_FAILURES.has(type)) {
        row.lastAttemptFailed = true;
        row.failedAttempts.push({
          attempt: Math.max(row.attempts, 1),
          error: stringOrNull(details.error),
          cause: stringOrNull(details.cause),
          at,
        });
      }
    }
  }
  return rows.map(finish);
}
