export { EXECUTION_NAME_PATTERN, executionArnFor, executionNameOf } from './execution-arn.ts';
export { fetchAll, fetchPage, type Page, type PageFetch } from './paging.ts';
export { type CallOptions, type SfnPort, sfnErrorName, sfnPortFromClient } from './port.ts';
export { problemFromSfnError } from './error-problem.ts';
export { type HistoryEventJson, type HistoryPage, historyPageFromWire } from './history-json.ts';
export { type WorkflowType, workflowTypes } from './workflow-type.ts';
export {
  DEFAULT_DEADLINES,
  DeadlineExceeded,
  deadlineProblem,
  type UpstreamDeadlines,
  withDeadlines,
} from './deadlines.ts';
