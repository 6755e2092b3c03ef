export { analyse, type AnalyseOptions, hasErrors, locate } from './analyse.ts';
export { type Finding, formatFinding, type Severity, type SourceLocation } from './finding.ts';
export { SECOND_OPINION_ABSENT, secondOpinionAvailable } from './second-opinion.ts';
