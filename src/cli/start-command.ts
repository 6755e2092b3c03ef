import { defineCommand } from './command.ts';
import { readJsonInput } from './json-input.ts';
import { UsageError } from './usage-error.ts';

export default defineCommand({
  name: 'start',
  summary: 'start an execution of a deployed workflow (--wait follows its steps)',
  positionals: [{ name: 'workflow', description: 'the workflow name, as in build/deployment.json', required: true }],
  options: {
    input: { type: 'string', placeholder: 'JSON|@file', description: 'the execution input (default {})' },
    name: { type: 'string', description: 'the execution name: 1 to 80 letters, digits, - or _ (default: generated)' },
    wait: { type: 'boolean', description: 'follow its steps until it ends; exit 1 unless it SUCCEEDED' },
    build: {
      type: 'string',
      default: 'build',
      placeholder: 'dir',
      description: 'the build folder with deployment.json',
    },
  },
  async run({ options, positionals: [workflow = ''] }) {
    // `{}` when absent: a workflow without input.
    const input = options.input === undefined ? {} : await readJsonInput(options.input);
    const { name } = options;
    if (name !== undefined && !/^[A-Za-z0-9_-]{1,80}$/.test(name)) {
      throw new UsageError(`--name must be 1 to 80 letters, digits, hyphens or underscores, got "${name}"`);
    }
    const { StartExecutionCommand } = await import('@aws-sdk/client-sfn');
    const { createSfnClient } = await import('../aws/index.ts');
    const { readDeployment, workflowArn } = await import('../deploy/index.ts');
    const { followExecution, readDeployedAsl } = await import('./execution-steps.ts');
    const { useRunningStack } = await import('./running-stack.ts');
    const deployment = await readDeployment(options.build);
    useRunningStack();
    const sfn = createSfnClient();
    const started = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: workflowArn(deployment, workflow),
        input: JSON.stringify(input),
        ...(name ? { name } : {}),
      }),
    );
    const executionArn = started.executionArn!;
    const execution = executionArn.split(':').pop()!;
    if (!options.wait) {
      process.stdout.write(`${JSON.stringify({ execution, executionArn, status: 'RUNNING' })}\n`);
      return 0;
    }
    process.stderr.write(`started ${execution}; following its steps (Ctrl-C stops following, not the execution)\n`);
    const asl = await readDeployedAsl(options.build, deployment, workflow);
    const status = await followExecution(sfn, executionArn, asl);
    return status === 'SUCCEEDED' ? 0 : 1;
  },
});
