// The steps table `stepforge history` and `stepforge run-local` print: one line per state entered.
import type { StepRow } from '../contracts/steps/index.ts';

/** `Map[2]/Inner`, `Parallel#1/Step`: where a row ran, readable in one column. */
function stepPath(row: StepRow): string {
  const scope = row.scope.map((marker) =>
    'iteration' in marker ? `${marker.state}[${marker.iteration}]` : `${marker.state}#${marker.branch}`,
  );
  return [...scope, row.name].join('/');
}

function duration(row: StepRow): string {
  return row.durationMs === null ? '-' : `${row.durationMs} ms`;
}

export function formatStepRow(row: StepRow): string[] {
  return [
    stepPath(row),
    row.type,
    row.status,
    String(row.attempts),
    duration(row),
    row.error ? `${row.error}${row.cause ? `: ${row.cause}` : ''}` : '',
  ];
}

const HEADER = ['step', 'type', 'status', 'attempts', 'duration', 'error'];

/** A plain-text table, the error column cut so a long cause does not wrap every line. */
export function formatStepTable(rows: readonly StepRow[]): string {
  const cells = [HEADER, ...rows.map(formatStepRow)].map((line) =>
    line.map((cell, index) => (index === 5 && cell.length > 80 ? `${cell.slice(0, 77)}...` : cell)),
  );
  const widths = HEADER.map((_, column) => Math.max(...cells.map((line) => line[column]!.length)));
  return `${cells
    .map((line) =>
      line
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}
