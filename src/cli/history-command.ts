import { defineCommand } from './command.ts';

export default defineCommand({
  name: 'history',
  summary: 'the step history of an execution, as a table or --json',
  positionals: [
    { name: 'workflow', description: 'the workflow name, as in build/deployment.json', required: true },
    { name: 'execution', description: 'the execution name, or its full ARN as start prints it', required: true },
  ],
  options: {
    json: { type: 'boolean', description: 'print the steps as JSON instead of a table' },
    build: {
      type: 'string',
      default: 'build',
      placeholder: 'dir',
      description: 'the build folder with deployment.json',
    },
  },
  async run({ options, positionals: [workflow = '', execution = ''] }) {
    const { createSfnClient } = await import('../aws/index.ts');
    const { readDeployment } = await import('../deploy/index.ts');
    const { executionArnOf, readDeployedAsl, readSteps } = await import('./execution-steps.ts');
    const { formatStepTable } = await import('./step-table.ts');
    const { useRunningStack } = await import('./running-stack.ts');
    const deployment = await readDeployment(options.build);
    const executionArn = executionArnOf(deployment, workflow, execution);
    useRunningStack();
    const asl = await readDeployedAsl(options.build, deployment, workflow);
    const rows = await readSteps(createSfnClient(), executionArn, asl);
    process.stdout.write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : formatStepTable(rows));
    return 0;
  },
});
