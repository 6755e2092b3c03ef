import type { Deployment } from '../deploy/index.ts';

/**
 * Environment the dev loop gives a task worker. zip-archive is configured by environment only (as the archiver
 * service was); in dev, unset variables default to the `media-archive` example's resources so `npm start` works on a
 * fresh clone. Anything the user exported wins.
 */
export function taskEnvironment(task: string, deployment: Deployment, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (task !== 'zip-archive') return env;
  const source = deployment.buckets['media-source'];
  const destination = deployment.buckets['media-archives'];
  const extra = deployment.buckets['media-extra'];
  const notifications = deployment.queues['media-notifications']?.url;
  const defaults: Record<string, string | undefined> = {
    S3_SOURCE_BUCKET: source,
    S3_DESTINATION_BUCKET: destination,
    ALLOWED_SOURCE_BUCKETS: extra,
    SQS_DESTINATION_QUEUE: notifications,
    // LocalStack serves objects path-style, so this is a link that works from the developer's machine.
    ARCHIVE_BASE_URL: destination && deployment.endpoint ? `${deployment.endpoint}/${destination}` : undefined,
  };
  const filled: NodeJS.ProcessEnv = { ...env };
  for (const [name, value] of Object.entries(defaults)) {
    if (!filled[name] && value) filled[name] = value;
  }
  return filled;
}
