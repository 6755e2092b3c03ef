import { ConfigError } from '../aws/index.ts';

/** LocalStack does not check roles but Step Functions' API requires one; any well-formed ARN will do. */
export const LOCALSTACK_ROLE_ARN = 'arn:aws:iam::000000000000:role/stepforge';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** `--role-arn`, then `STEPFORGE_ROLE_ARN`, then (only when an endpoint is set) the LocalStack placeholder. */
export function resolveRoleArn(options: {
  readonly flag?: string;
  readonly env?: string;
  readonly endpoint: URL | undefined;
}): string {
  const [value, source] = options.flag
    ? [options.flag, '--role-arn']
    : options.env
      ? [options.env, 'STEPFORGE_ROLE_ARN']
      : [undefined, ''];
  if (value === undefined) {
    if (options.endpoint) return LOCALSTACK_ROLE_ARN;
    throw new ConfigError(
      'STEPFORGE_ROLE_ARN',
      'is required when deploying to AWS (no AWS_ENDPOINT_URL): the IAM role the state machines run as; or pass --role-arn',
    );
  }
  if (!ROLE_ARN.test(value))
    throw new ConfigError(source, `must be an IAM role ARN like arn:aws:iam::123456789012:role/name, got "${value}"`);
  return value;
}
