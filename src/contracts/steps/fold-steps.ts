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

/** One history event with what every handler needs from it. */
interface FoldEvent {
  readonly event: HistoryEventLike;
  readonly type: string;
  readonly details: Record<string, unknown>;
  readonly at: string | null;
  readonly scope: readonly ScopeMarker[];
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

function recordFailure(row: OpenRow, attempt: number, details: Record<string, unknown>, at: string | null): void {
  row.lastAttemptFailed = true;
  row.failedAttempts.push({ attempt, error: stringOrNull(details.error), cause: stringOrNull(details.cause), at });
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
 * The fold's state: rows in entry order, the open ones, and for every event seen its scope and the row it belongs
 * to. Events of parallel work interleave, so an event's place (which Map iteration, which Parallel branch) is found
 * through its `previousEventId` chain, not by its position in the list.
 */
class StepFolder {
  readonly rows: OpenRow[] = [];
  // Only a handful of rows are open at once, so lookups scan this set, never the whole (possibly huge) history.
  private readonly open = new Set<OpenRow>();
  private readonly scopeByEvent = new Map<number, readonly ScopeMarker[]>();
  private readonly rowByEvent = new Map<number, OpenRow>();
  private readonly eventById = new Map<number, HistoryEventLike>();

  constructor(private readonly resolveBranch?: BranchResolver) {}

  add(event: HistoryEventLike): void {
    this.eventById.set(event.id, event);
    const type = event.type ?? '';
    const scope = this.scopeFromChain(event);
    this.scopeByEvent.set(event.id, scope);
    const folded: FoldEvent = { event, type, details: detailsOf(event), at: isoTime(event.timestamp), scope };
    if (type.endsWith('StateEntered')) this.enterState(folded);
    else if (type.endsWith('StateExited')) this.exitState(folded);
    else if (CONTAINER_EVENT.test(type) || type.startsWith('MapIteration')) this.containerEvent(folded);
    else if (EXECUTION_END_STATUS[type]) this.endExecution(folded);
    else this.attemptEvent(folded);
  }

  private belongsTo(event: HistoryEventLike, row: OpenRow, scope?: readonly ScopeMarker[]): void {
    if (scope) this.scopeByEvent.set(event.id, scope);
    this.rowByEvent.set(event.id, row);
  }

  /** The deepest open row matching `test` whose scope encloses `scope`: a state's own exit is seen from inside it. */
  private findOpen(scope: readonly ScopeMarker[], test: (row: OpenRow) => boolean): OpenRow | undefined {
    return [...this.open]
      .filter((row) => test(row) && isPrefix(row.scope, scope))
      .sort((left, right) => right.scope.length - left.scope.length || right.enteredEventId - left.enteredEventId)[0];
  }

  /** An event's scope is its predecessor's, deepened when the predecessor opened a Map iteration or Parallel branch. */
  private scopeFromChain(event: HistoryEventLike): readonly ScopeMarker[] {
    const previous = event.previousEventId ? this.eventById.get(event.previousEventId) : undefined;
    if (!previous) return [];
    const base = this.scopeByEvent.get(previous.id) ?? [];
    if (previous.type === 'MapIterationStarted') {
      const details = detailsOf(previous);
      return [...base, { state: String(details.name ?? ''), iteration: Number(details.index ?? 0) }];
    }
    if (previous.type === 'ParallelStateStarted' && event.type?.endsWith('StateEntered')) {
      const parallel = this.rowByEvent.get(previous.id);
      if (parallel) return [...base, { state: parallel.name, branch: this.branchIndex(parallel, event) }];
    }
    return base;
  }

  private branchIndex(parallel: OpenRow, firstEntered: HistoryEventLike): number {
    const first = String(detailsOf(firstEntered).name ?? '');
    const resolved = this.resolveBranch?.(parallel.name, first);
    if (resolved !== undefined) return resolved;
    if (!parallel.branchesSeen.includes(first)) parallel.branchesSeen.push(first);
    return parallel.branchesSeen.indexOf(first);
  }

  private enterState({ event, type, details, at, scope }: FoldEvent): void {
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
    this.rows.push(row);
    this.open.add(row);
    this.belongsTo(event, row);
  }

  private exitState({ event, details, at, scope }: FoldEvent): void {
    const row = this.findOpen(scope, (candidate) => candidate.name === details.name);
    if (!row) return;
    row.endedAt = at;
    row.output = parsePayload(details.output);
    row.status = row.lastAttemptFailed ? 'caught' : 'succeeded';
    this.open.delete(row);
    this.belongsTo(event, row, row.scope);
  }

  /** Container events chain from inside the last finished iteration or branch; they belong to the container. */
  private containerEvent({ event, type, details, at, scope }: FoldEvent): void {
    const kind = type.startsWith('Parallel') ? 'Parallel' : 'Map';
    const row =
      type === 'MapStateStarted' || type === 'ParallelStateStarted'
        ? this.rowByEvent.get(event.previousEventId ?? -1)
        : this.findOpen(
            scope,
            (candidate) => candidate.type === kind && (!details.name || candidate.name === details.name),
          );
    if (!row) return;
    this.belongsTo(event, row, row.scope);
    if (type.endsWith('StateFailed')) recordFailure(row, row.failedAttempts.length + 1, details, at);
  }

  private endExecution({ type, at }: FoldEvent): void {
    for (const row of this.open) {
      row.status = row.lastAttemptFailed ? 'failed' : (EXECUTION_END_STATUS[type] ?? 'failed');
      row.endedAt = at;
    }
    this.open.clear();
  }

  /** Task-like events chain from their state's entry: they count attempts and failures. */
  private attemptEvent({ event, type, details, at }: FoldEvent): void {
    const row = this.rowByEvent.get(event.previousEventId ?? -1);
    if (!row) return;
    this.belongsTo(event, row);
    if (ATTEMPT_STARTS.has(type)) {
      row.attempts += 1;
      row.lastAttemptFailed = false;
    } else if (ATTEMPT_FAILURES.has(type)) {
      recordFailure(row, Math.max(row.attempts, 1), details, at);
    }
  }
}

/** Condenses a raw execution history into one row per state entered. */
export function foldSteps(events: readonly HistoryEventLike[], resolveBranch?: BranchResolver): StepRow[] {
  const folder = new StepFolder(resolveBranch);
  for (const event of [...events].sort((left, right) => left.id - right.id)) folder.add(event);
  return folder.rows.map(finish);
}
