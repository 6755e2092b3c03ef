import { createAwsClients, defaultLogger, processEnv } from '../aws/index.ts';
import { findTask, tasks } from '../../tasks/index.ts';
import { executeTask } from '../../tasks/runtime/index.ts';
import { parseArgs, rejectUnknownOptions, stringOption } from './args.ts';
import { readJsonInput } from './json-input.ts';
import { useRunningStack } from './running-stack.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `stepforge run <task> --input JSON|@file   (tasks: ${Object.keys(tasks).join(', ')})`;

/** Runs one task once, outside Step Functions, through the same parseInput + run as the workers; prints its output. */
export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  rejectUnknownOptions(args, ['input']);
  const [taskName, ...extra] = args.positionals;
  if (taskName === undefined || extra.length > 0) throw new UsageError(`usage: ${USAGE}`);
  const definition = findTask(taskName);
  if (!definition) throw new UsageError(`unknown task "${taskName}"; usage: ${USAGE}`);
  const inputText = stringOption(args, 'input');
  if (inputText === undefined) throw new UsageError(`--input is required; usage: ${USAGE}`);
  const input = await readJsonInput(inputText);
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
}
