// What each drawn state shows: one status for its colour (`data-status`) and, when it ran more than once (Map
// iterations, loops), how many runs ended how, so a Map of 1,000 iterations is one node with counts.
import type { StepRow, StepStatus } from '../../../server/history/index.ts';

export type NodeStatus = StepStatus | 'not-reached';

export interface StateSummary {
  readonly status: NodeStatus;
  readonly runs: number;
  readonly counts: Readonly<Partial<Record<StepStatus, number>>>;
  /** For a Map state: its iterations (the latest run of the Map), each counted once by its worst step. */
  readonly iterations?: { readonly total: number; readonly counts: Readonly<Partial<Record<StepStatus, number>>> };
}

/** The status a state shows when it ran several times: anything still running, then the worst ending. */
const PRECEDENCE: readonly StepStatus[] = ['running', 'failed', 'timed_out', 'aborted', 'caught', 'succeeded'];

export function worstStatus(statuses: Iterable<StepStatus>): StepStatus {
  const seen = new Set(statuses);
  return PRECEDENCE.find((status) => seen.has(status)) ?? 'succeeded';
}

export function summariseStates(rows: readonly StepRow[]): Map<string, StateSummary> {
  const byName = new Map<string, StepRow[]>();
  for (const row of rows) {
    const list = byName.get(row.name);
    if (list) list.push(row);
    else byName.set(row.name, [row]);
  }
  const iterations = mapIterations(rows);
  const summaries = new Map<string, StateSummary>();
  for (const [name, list] of byName) {
    const counts: Partial<Record<StepStatus, number>> = {};
    for (const row of list) counts[row.status] = (counts[row.status] ?? 0) + 1;
    summaries.set(name, {
      status: worstStatus(list.map((row) => row.status)),
      runs: list.length,
      counts,
      iterations: iterations.get(name),
    });
  }
  return summaries;
}

function mapIterations(rows: readonly StepRow[]): Map<string, NonNullable<StateSummary['iterations']>> {
  const perMap = new Map<string, Map<string, StepStatus[]>>();
  for (const row of rows) {
    if (row.iteration === undefined || row.parent === undefined) continue;
    // Scope up to and including the enclosing Map's marker identifies one iteration, nested Maps included.
    const key = JSON.stringify(row.scope);
    const iterationsOfMap = perMap.get(row.parent) ?? new Map<string, StepStatus[]>();
    perMap.set(row.parent, iterationsOfMap);
    const statuses = iterationsOfMap.get(key) ?? [];
    statuses.push(row.status);
    iterationsOfMap.set(key, statuses);
  }
  const result = new Map<string, NonNullable<StateSummary['iterations']>>();
  for (const [mapName, iterationsOfMap] of perMap) {
    const counts: Partial<Record<StepStatus, number>> = {};
    for (const statuses of iterationsOfMap.values()) {
      const status = worstStatus(statuses);
      counts[status] = (counts[status] ?? 0) + 1;
    }
    result.set(mapName, { total: iterationsOfMap.size, counts });
  }
  return result;
}

export const NUMBER = new Intl.NumberFormat('en-US');
const TEXT_ORDER: readonly StepStatus[] = ['succeeded', 'running', 'caught', 'failed', 'timed_out', 'aborted'];

/** `990 succeeded, 10 failed` */
export function countsText(counts: Readonly<Partial<Record<StepStatus, number>>>): string {
  return TEXT_ORDER.filter((status) => counts[status])
    .map((status) => `${NUMBER.format(counts[status]!)} ${status.replace('_', ' ')}`)
    .join(', ');
}

/** `1,000 iterations: 990 succeeded, 10 failed` */
export function iterationsText(iterations: NonNullable<StateSummary['iterations']>): string {
  const noun = iterations.total === 1 ? 'iteration' : 'iterations';
  return `${NUMBER.format(iterations.total)} ${noun}: ${countsText(iterations.counts)}`;
}
