/** Where a DSL call sits in a workflow module; the analyser names it so a user can jump to it. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type Severity = 'error' | 'warning';

/** One problem found in a definition. `statePath` is `""` for the state machine itself. */
export interface Finding {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly statePath: string;
  readonly location?: SourceLocation;
}

/** `file:line: message`, the one-line form the CLI prints (no location: the state path stands in). */
export function formatFinding(finding: Finding): string {
  const where = finding.location ? `${finding.location.file}:${finding.location.line}` : `<asl>`;
  const state = finding.statePath === '' ? '' : ` [${finding.statePath}]`;
  return `${where}: ${finding.severity}${state} ${finding.code}: ${finding.message}`;
}
