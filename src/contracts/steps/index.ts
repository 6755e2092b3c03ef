// The steps view: a Step Functions history (from GetExecutionHistory, or from stepforge/testing's runner) folded into
// one row per state entered. Shared by the server, `stepforge history`, `stepforge run-local` and the runner.
export { type BranchResolver, branchResolverFromAsl } from './branch-resolver.ts';
export { detailsOf, type HistoryEventLike, isoTime, parsePayload, TERMINAL_EVENT_STATUS } from './events.ts';
export { foldSteps } from './fold-steps.ts';
export type { FailedAttempt, ScopeMarker, StepRow, StepStatus } from './step-row.ts';
