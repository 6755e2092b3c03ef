// What became of each execution the bench asked for, and the figures it prints: pure, so the counting is plain.

/** The end of one requested execution as the bench saw it. */
export type Outcome =
  | { readonly kind: 'succeeded' }
  /** FAILED / TIMED_OUT / ABORTED with an error name (States.Timeout, ZipArchive.SourceNotFound, ...). */
  | { readonly kind: 'failed-named'; readonly error: string }
  /** Ended without saying why: a failure nobody can match in a Catch. */
  | { readonly kind: 'failed-unnamed'; readonly status: string }
  /** POST answered 201, but the execution does not exist. */
  | { readonly kind: 'lost' }
  /** Still RUNNING when the deadline came. */
  | { readonly kind: 'hung' }
  /** POST did not answer 201: nothing was started (counted apart from started). */
  | { readonly kind: 'rejected'; readonly status: number | string };

export interface Finished {
  readonly workflow: string;
  readonly outcome: Outcome;
}

export interface Counts {
  started: number;
  succeeded: number;
  failedNamed: number;
  failedUnnamed: number;
  lost: number;
  hung: number;
  rejected: number;
  /** Error name -> how many executions ended with it. */
  readonly errors: Map<string, number>;
}

export function countOutcomes(finished: readonly Finished[]): Counts {
  const counts: Counts = {
    started: 0,
    succeeded: 0,
    failedNamed: 0,
    failedUnnamed: 0,
    lost: 0,
    hung: 0,
    rejected: 0,
    errors: new Map(),
  };
  for (const { outcome } of finished) {
    if (outcome.kind === 'rejected') {
      counts.rejected++;
      continue;
    }
    counts.started++;
    if (outcome.kind === 'succeeded') counts.succeeded++;
    else if (outcome.kind === 'failed-named') {
      counts.failedNamed++;
      counts.errors.set(outcome.error, (counts.errors.get(outcome.error) ?? 0) + 1);
    } else if (outcome.kind === 'failed-unnamed') counts.failedUnnamed++;
    else if (outcome.kind === 'lost') counts.lost++;
    else counts.hung++;
  }
  return counts;
}

/** The nearest-rank percentile (p in 0..100) of the values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function errorList(errors: ReadonlyMap<string, number>): string {
  return [...errors]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, count]) => `${name} x${count}`)
    .join(', ');
}

/** One line of counts: `started 4, succeeded 3, failed (named) 1 [States.Timeout x1], lost 0, hung 0`. */
export function countsLine(counts: Counts): string {
  const named = counts.errors.size ? ` [${errorList(counts.errors)}]` : '';
  const unnamed = counts.failedUnnamed ? `, failed (unnamed) ${counts.failedUnnamed}` : '';
  const rejected = counts.rejected ? `, POST refused ${counts.rejected}` : '';
  return `started ${counts.started}, succeeded ${counts.succeeded}, failed (named) ${counts.failedNamed}${named}${unnamed}, lost ${counts.lost}, hung ${counts.hung}${rejected}`;
}
