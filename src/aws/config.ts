import { ConfigError } from './config-error.ts';
import { type Env, flag, optionalString, optionalUrl, processEnv } from './env.ts';

/** What every stepforge process needs to reach AWS or an AWS-compatible endpoint such as LocalStack. */
export interface AwsConfig {
  /** `AWS_ENDPOINT_URL`; undefined means the real AWS endpoints. */
  readonly endpoint: URL | undefined;
  /** `AWS_REGION` (then `AWS_DEFAULT_REGION`), default `us-east-1`. */
  readonly region: string;
  /**
   * True when neither variable names a region: the clients then take the AWS profile's region (`~/.aws/config`)
   * before `region`'s default. The region they use is `regionInUse(clients)`.
   */
  readonly regionIsDefault?: boolean;
  /** Path-style S3 addressing: required by LocalStack and any custom endpoint without wildcard DNS. */
  readonly forcePathStyle: boolean;
  readonly devMode: boolean;
  readonly debug: boolean;
}

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function readAwsConfig(env: Env = processEnv()): AwsConfig {
  const endpoint = optionalUrl(env, 'AWS_ENDPOINT_URL');
  const regionVariable = optionalString(env, 'AWS_REGION') !== undefined ? 'AWS_REGION' : 'AWS_DEFAULT_REGION';
  const named = optionalString(env, regionVariable);
  const region = named ?? 'us-east-1';
  if (!REGION_PATTERN.test(region)) {
    throw new ConfigError(regionVariable, `is not an AWS region name (like us-east-1), got "${region}"`);
  }
  return {
    endpoint,
    region,
    regionIsDefault: named === undefined,
    forcePathStyle: endpoint !== undefined,
    devMode: flag(env, 'DEV_MODE'),
    debug: flag(env, 'APP_DEBUG'),
  };
}
