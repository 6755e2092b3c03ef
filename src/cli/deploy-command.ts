import { defineCommand } from './command.ts';

export default defineCommand({
  name: 'deploy',
  summary: 'create/update buckets, queues, activities and state machines from build/ (--dry-run: the plan only)',
  options: {
    build: { type: 'string', default: 'build', placeholder: 'dir', description: 'the folder generate wrote' },
    endpoint: {
      type: 'string',
      placeholder: 'url',
      description: 'AWS_ENDPOINT_URL for this run (default: the environment, else a running project LocalStack)',
    },
    'role-arn': {
      type: 'string',
      placeholder: 'arn',
      description: 'the state machines role (default: STEPFORGE_ROLE_ARN, else the LocalStack placeholder)',
    },
    prefix: { type: 'string', default: '', description: 'put before every resource name (one account, many stacks)' },
    'prune-data': {
      type: 'boolean',
      description: 'also delete owned queues, and owned empty buckets, that the build no longer has',
    },
    'dry-run': { type: 'boolean', description: 'print what would be created, updated or deleted; change nothing' },
  },
  details:
    'Progress (one line per resource as it is applied) goes to stderr; the report (or the --dry-run plan) to stdout.',
  async run({ options }) {
    const { createAwsClients, processEnv, readAwsConfig } = await import('../aws/index.ts');
    const { deploy, formatAction, formatPlan, formatReport, planDeployment } = await import('../deploy/index.ts');
    const { useRunningStack } = await import('./running-stack.ts');
    const { stderrProgress } = await import('./progress.ts');
    if (options.endpoint === undefined) useRunningStack();
    // --endpoint is AWS_ENDPOINT_URL for this one run, validated the same way.
    const env = { ...processEnv(), ...(options.endpoint !== undefined ? { AWS_ENDPOINT_URL: options.endpoint } : {}) };
    const deployOptions = {
      buildDir: options.build,
      prefix: options.prefix,
      // Queues and buckets hold data: removing them from the build is not enough to delete them.
      pruneData: options['prune-data'],
      ...(options['role-arn'] !== undefined ? { roleArn: options['role-arn'] } : {}),
      clients: createAwsClients(readAwsConfig(env)),
      env,
    };
    if (options['dry-run']) {
      const { actions } = await planDeployment(deployOptions);
      process.stdout.write(formatPlan(actions));
      return 0;
    }
    const progress = stderrProgress();
    progress.step(`reading ${options.build} and the account`);
    try {
      let applying = false;
      const onApplied = (action: Parameters<typeof formatAction>[0]) => {
        if (!applying) progress.step('applying the plan');
        applying = true;
        progress.note(formatAction(action));
      };
      const result = await deploy({ ...deployOptions, onApplied });
      progress.done();
      process.stdout.write(formatReport(result.actions, result.deploymentPath));
      return 0;
    } finally {
      progress.done();
    }
  },
});
