import { STARTED_SERVICES } from './health.ts';
import { LocalStackError } from './localstack-error.ts';

/** LocalStack's service names (`cloudformation`, `iam`, `resourcegroupstaggingapi`, ...). */
const SERVICE_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * A comma-separated list of service names, as `--services` and LocalStack's own `SERVICES` take it. `field` names
 * where the list came from, for the error.
 */
export function parseServiceList(text: string, field: string): string[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const bad = names.find((name) => !SERVICE_NAME.test(name));
  if (bad !== undefined) {
    throw new LocalStackError(
      `${field}: "${bad}" is not a LocalStack service name (lowercase letters, digits and hyphens, e.g. cloudformation,iam)`,
    );
  }
  return names;
}

/**
 * What our LocalStack runs: the services stepforge needs, plus the ones asked for (`--services`) and those of
 * `SERVICES` in the environment, which add to ours rather than replace them (without S3, SQS, Step Functions and STS
 * nothing of stepforge works).
 */
export function servicesToRun(
  requested: readonly string[] = [],
  environment: string | undefined = undefined,
): string[] {
  const fromEnvironment = environment === undefined ? [] : parseServiceList(environment, 'SERVICES');
  return [...new Set([...STARTED_SERVICES, ...requested, ...fromEnvironment])];
}
