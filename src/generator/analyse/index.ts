export { analyse, type AnalyseOptions, hasErrors, locate } from './analyse.ts';
export { type Finding, formatFinding, type Severity, type SourceLocation } from './finding.ts';
