// The HTTP server's public face: the app factory and what it needs injected. Runtime entry points are node.ts,
// bun.ts and deno.ts next to this file.
export { createApp } from './app.ts';
export { type BuildReader, type Deployment, memoryBuildReader, parseDeployment } from './catalog/index.ts';
export { foldSteps, type StepRow } from './history/index.ts';
export { type AppOptions, type Clock, DEFAULT_MAX_BODY_BYTES, systemClock } from './options.ts';
export {
  type CallOptions,
  type HistoryEventJson,
  type HistoryPage,
  type SfnPort,
  sfnPortFromClient,
  type UpstreamDeadlines,
} from './sfn/index.ts';
export { DEPLOYMENT_PROBE_TIMEOUT_MS, type DeploymentProbe, describeProbe, probeDeployment } from './health/index.ts';
