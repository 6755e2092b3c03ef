import { defineCommand } from './command.ts';
import { readJsonInput } from './json-input.ts';
import { UsageError } from './usage-error.ts';
import { TASK_NAMES } from './worker-command.ts';

const USAGE = `stepforge run <task> --input JSON|@file   (tasks: ${TASK_NAMES.join(', ')})`;

/** Runs one task once, outside Step Functions, through the same parseInput + run as the workers; prints its output. */
export default defineCommand({
  name: 'run',
  summary: 'run one task once outside Step Functions and print its output JSON',
  positionals: [
    { name: 'task', description: `the task: ${TASK_NAMES.join(', ')}, or one of the project's own`, required: true },
  ],
  options: {
    input: { type: 'string', placeholder: 'JSON|@file', description: 'the task input (required)' },
  },
  async run({ options, positionals: [taskName = ''] }) {
    const { findProjectTask } = await import('./project-task.ts');
    const definition = await findProjectTask(taskName, USAGE);
    if (options.input === undefined) throw new UsageError(`--input is required; usage: ${USAGE}`);
    const input = await readJsonInput(options.input);
    const { createAwsClients, defaultLogger, processEnv } = await import('../aws/index.ts');
    const { executeTask } = await import('../../tasks/runtime/index.ts');
    const { useRunningStack } = await import('./running-stack.ts');
    useRunningStack();
    const env = processEnv();
    definition.checkEnvironment?.(env);

    const clients = createAwsClients();
    const stop = new AbortController();
    const onSignal = () => stop.abort(new Error('interrupted'));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const outcome = await executeTask(definition, input, {
        clients,
        logger: defaultLogger().child({ task: definition.name }),
        signal: stop.signal,
        heartbeat: async () => {},
        requestId: `run:${crypto.randomUUID()}`,
        env,
      });
      if (!outcome.ok) {
        process.stderr.write(`stepforge run ${taskName}: ${outcome.error}: ${outcome.cause.replace(/\n/g, ' ')}\n`);
        return 1;
      }
      process.stdout.write(`${JSON.stringify(outcome.output, null, 2)}\n`);
      return 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      clients.s3.destroy();
      clients.sqs.destroy();
      clients.sfn.destroy();
    }
  },
});
