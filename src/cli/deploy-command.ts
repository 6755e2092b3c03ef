import { readAwsConfig, createAwsClients, processEnv } from '../aws/index.ts';
import { deploy, formatReport } from '../deploy/index.ts';
import { parseArgs, rejectUnknownOptions, stringOption } from './args.ts';
import { UsageError } from './usage-error.ts';

/** `stepforge deploy [--build build] [--endpoint URL] [--role-arn ARN] [--prefix P]` */
export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  rejectUnknownOptions(args, ['build', 'endpoint', 'role-arn', 'prefix']);
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const endpoint = stringOption(args, 'endpoint');
  // --endpoint is AWS_ENDPOINT_URL for this one run, validated the same way.
  const env = { ...processEnv(), ...(endpoint !== undefined ? { AWS_ENDPOINT_URL: endpoint } : {}) };
  const roleArn = stringOption(args, 'role-arn');
  const result = await deploy({
    buildDir: stringOption(args, 'build') ?? 'build',
    prefix: stringOption(args, 'prefix') ?? '',
    ...(roleArn !== undefined ? { roleArn } : {}),
    clients: createAwsClients(readAwsConfig(env)),
    env,
  });
  process.stdout.write(formatReport(result.actions, result.deploymentPath));
  return 0;
}
