export { type BranchResolver, branchResolverFromAsl } from './branch-resolver.ts';
export { detailsOf, type HistoryEventLike, isoTime, parsePayload, TERMINAL_EVENT_STATUS } from './events.ts';
export { foldSteps } from './fold-steps.ts';
export type { FailedAttempt, ScopeMarker, StepRow, StepStatus } from './step-row.ts';
export { historySource, readWholeHistory } from './read-history.ts';
