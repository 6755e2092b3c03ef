import { readAwsConfig, createAwsClients, processEnv } from '../aws/index.ts';
import { deploy, formatReport } from '../deploy/index.ts';
import { parseArgs, rejectUnknownOptions, stringOption } from './args.ts';
import { useRunningStack } from './running-stack.ts';
import { UsageError } from './usage-error.ts';

/** `stepforge deploy [--build build] [--endpoint URL] [--role-arn ARN] [--prefix P] [--prune-data]` */
export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['prune-data']);
  rejectUnknownOptions(args, ['build', 'endpoint', 'role-arn', 'prefix', 'prune-data']);
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  if (typeof args.options['prune-data'] === 'string') throw new UsageError('--prune-data takes no value');
  const endpoint = stringOption(args, 'endpoint');
  if (endpoint === undefined) useRunningStack();
  // --endpoint is AWS_ENDPOINT_URL for this one run, validated the same way.
  const env = { ...processEnv(), ...(endpoint !== undefined ? { AWS_ENDPOINT_URL: endpoint } : {}) };
  const roleArn = stringOption(args, 'role-arn');
  const result = await deploy({
    buildDir: stringOption(args, 'build') ?? 'build',
    prefix: stringOption(args, 'prefix') ?? '',
    // Queues and buckets hold data: removing them from the build is not enough to delete them.
    pruneData: args.options['prune-data'] === true,
    ...(roleArn !== undefined ? { roleArn } : {}),
    clients: createAwsClients(readAwsConfig(env)),
    env,
  });
  process.stdout.write(formatReport(result.actions, result.deploymentPath));
  return 0;
}
