// Health: `/health` (readiness: endpoint reachable, deployment present) and `/health/live` (liveness).
export {
  DEPLOYMENT_PROBE_TIMEOUT_MS,
  type DeploymentProbe,
  describeProbe,
  probeDeployment,
} from './deployment-probe.ts';
export { healthRoute, liveRoute } from './health-routes.ts';
