import type { Finding, Severity } from './finding.ts';

/** Collects findings in the order checks run; `analyse` sorts them afterwards for stable output. */
export class Report {
  readonly findings: Finding[] = [];

  error(code: string, statePath: string, message: string): void {
    this.add('error', code, statePath, message);
  }

  warning(code: string, statePath: string, message: string): void {
    this.add('warning', code, statePath, message);
  }

  private add(severity: Severity, code: string, statePath: string, message: string): void {
    this.findings.push({ severity, code, message, statePath });
  }
}
