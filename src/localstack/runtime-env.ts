import { STARTED_SERVICES } from './health.ts';
import type { LocalStackPaths } from './state-paths.ts';

/** The only interface LocalStack listens on. */
const LISTEN_HOST = '127.0.0.1';

/** Variables of ours or of the AWS SDK that must not leak into LocalStack's own boto clients. */
const DROPPED = [
  'AWS_ENDPOINT_URL',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'PYTHONDONTWRITEBYTECODE',
  'VIRTUAL_ENV',
  'PYTHONPATH',
  'PYTHONHOME',
];

/**
 * The environment of the LocalStack process. Every setting here answers a problem met on a host without Docker:
 * - OVERRIDE_IN_DOCKER=0: LocalStack detects containers (CI, dev containers) and would then use /var/lib/localstack,
 *   /usr/lib/localstack and /tmp/localstack, shared by every instance and outside the project;
 * - FILESYSTEM_ROOT: host mode's root for those folders (our per-port volume);
 * - GATEWAY_SERVER=twisted + STEPFORGE_LISTEN_HOST: LocalStack's default (twisted) server ignores the host of
 *   GATEWAY_LISTEN and listens on every interface (its source: `TCP4ServerEndpoint(reactor, port)`, "TODO: interface
 *   = host?"); the venv's stepforge_localstack_hooks bind it to 127.0.0.1, so a developer's LocalStack is not
 *   reachable from the network. Hypercorn binds correctly but served ~30% fewer requests per second;
 * - STEPFORGE_ACTIVITY_POLL_SECONDS: GetActivityTask looks for a task every 50 ms instead of sleeping a second
 *   between looks (same hooks), so an activity step does not wait up to a second for a poll that is already there;
 * - STEPFORGE_ACTIVITY_HANDOFF: GetActivityTask no longer loses the task it dequeued (token registered after the task
 *   was queued; a lookup broken by an execution still starting; a poll whose client left) (same hooks);
 * - DNS_ADDRESS=0: no DNS server (it binds port 53 and fails without an upstream);
 * - DISABLE_EVENTS=1: no analytics/telemetry; SKIP_SSL_CERT_DOWNLOAD=1: no certificate download at start-up;
 * - LOCALSTACK_HOST + SQS_ENDPOINT_STRATEGY=off: queue URLs are http://127.0.0.1:<port>/<account>/<name>, reachable
 *   without the localhost.localstack.cloud DNS name;
 * - IN_MEMORY_CLIENT=1: LocalStack's calls to itself (Step Functions' STS AssumeRole and SQS SendMessage before every
 *   `.waitForTaskToken` dispatch) go straight to its gateway instead of over HTTP through its own server, where they
 *   queued behind client requests: 60-120 ms -> 13-32 ms from TaskScheduled to TaskSubmitted (bench/overhead.ts);
 * - LS_LOG=warn (unless set): LocalStack logs every request at INFO; formatting those lines took 12% of its CPU under
 *   load (py-spy), and nobody reads them. `LS_LOG=info npx stepforge localstack start` brings them back;
 * - SERVICES: ours plus the ones asked for (services.ts); the environment's own list adds to them, never replaces;
 * - XDG_CACHE_HOME: plux's entry-point cache lives in the project, not in ~/.cache where another venv's cache can
 *   hide plugins.
 */
export function localStackEnvironment(
  paths: LocalStackPaths,
  port: number,
  base: NodeJS.ProcessEnv = process.env,
  services: readonly string[] = STARTED_SERVICES,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of DROPPED) delete env[name];
  return {
    ...env,
    OVERRIDE_IN_DOCKER: '0',
    FILESYSTEM_ROOT: paths.volume,
    LOCALSTACK_VOLUME_DIR: paths.volume,
    GATEWAY_LISTEN: `${LISTEN_HOST}:${port}`,
    GATEWAY_SERVER: 'twisted',
    STEPFORGE_LISTEN_HOST: LISTEN_HOST,
    STEPFORGE_ACTIVITY_POLL_SECONDS: '0.05',
    STEPFORGE_ACTIVITY_HANDOFF: '1',
    LOCALSTACK_HOST: `${LISTEN_HOST}:${port}`,
    SQS_ENDPOINT_STRATEGY: 'off',
    SERVICES: services.join(','),
    EAGER_SERVICE_LOADING: '1',
    DISABLE_EVENTS: '1',
    SKIP_SSL_CERT_DOWNLOAD: '1',
    DNS_ADDRESS: '0',
    IN_MEMORY_CLIENT: '1',
    LS_LOG: env.LS_LOG ?? 'warn',
    XDG_CACHE_HOME: paths.cache,
  };
}
