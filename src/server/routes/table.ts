import { describeExecutionRoute, listExecutionsRoute } from './execution-routes.ts';
import { healthRoute, liveRoute } from '../health/index.ts';
import { historyRoute, streamRoute } from './history-routes.ts';
import { openApiRoute } from './openapi-route.ts';
import type { RouteDefinition } from './route.ts';
import { startExecutionRoute } from './start-execution-route.ts';
import { stopExecutionRoute } from './stop-execution-route.ts';
import { getWorkflowRoute, listWorkflowsRoute } from './workflow-routes.ts';

/** Every route of the HTTP API (CONTRACT.md, "HTTP API"): registered by `createApp`, documented by `/openapi.json`. */
export const ROUTES: readonly RouteDefinition[] = [
  healthRoute,
  liveRoute,
  listWorkflowsRoute,
  getWorkflowRoute,
  startExecutionRoute,
  listExecutionsRoute,
  describeExecutionRoute,
  historyRoute,
  streamRoute,
  stopExecutionRoute,
  openApiRoute,
];
