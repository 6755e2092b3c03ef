import { readFile } from 'node:fs/promises';
import { DescribeExecutionCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { createSfnClient } from '../aws/index.ts';
import { readDeployment, workflowArn } from '../deploy/index.ts';
import type { StepRow } from '../server/history/index.ts';
import { parseArgs, rejectUnknownOptions, stringOption } from './args.ts';
import { readDeployedAsl, readSteps } from './history-command.ts';
import { formatStepRow } from './step-table.ts';
import { useRunningStack } from './running-stack.ts';
import { UsageError } from './usage-error.ts';

/** `stepforge start <workflow> [--input JSON|@file] [--name N] [--wait] [--build build]` */
export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['wait']);
  rejectUnknownOptions(args, ['input', 'name', 'wait', 'build']);
  const [workflow, extra] = args.positionals;
  if (!workflow || extra)
    throw new UsageError('usage: stepforge start <workflow> [--input JSON|@file] [--name N] [--wait]');
  const input = await readInput(stringOption(args, 'input'));
  const name = stringOption(args, 'name');
  if (name !== undefined && !/^[A-Za-z0-9_-]{1,80}$/.test(name)) {
    throw new UsageError(`--name must be 1 to 80 letters, digits, hyphens or underscores, got "${name}"`);
  }
  const buildDir = stringOption(args, 'build') ?? 'build';
  const deployment = await readDeployment(buildDir);
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
  if (!args.options.wait) {
    process.stdout.write(`${JSON.stringify({ execution, executionArn, status: 'RUNNING' })}\n`);
    return 0;
  }
  process.stderr.write(`started ${execution}; following its steps (Ctrl-C stops following, not the execution)\n`);
  const status = await follow(sfn, executionArn, await readDeployedAsl(buildDir, deployment, workflow));
  return status === 'SUCCEEDED' ? 0 : 1;
}

/** `--input '{"a":1}'` or `--input @payload.json`; `{}` when absent. */
async function readInput(option: string | undefined): Promise<unknown> {
  if (option === undefined) return {};
  let text = option;
  if (option.startsWith('@')) {
    try {
      text = await readFile(option.slice(1), 'utf8');
    } catch (error) {
      throw new UsageError(`--input: cannot read ${option.slice(1)}: ${(error as Error).message}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--input is not valid JSON: ${(error as Error).message}`);
  }
}

const POLL_MS = 500;

/** Prints each step when it starts and when its status changes, until the execution ends; returns the final status. */
async function follow(sfn: SFNClient, executionArn: string, asl: unknown): Promise<string> {
  const printed = new Map<number, StepRow['status']>();
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    // Read the history after the status, so a finished execution's last steps are in it.
    for (const row of await readSteps(sfn, executionArn, asl)) {
      if (printed.get(row.enteredEventId) === row.status) continue;
      printed.set(row.enteredEventId, row.status);
      process.stdout.write(`${formatStepRow(row).filter(Boolean).join('  ')}\n`);
    }
    const status = described.status ?? 'UNKNOWN';
    if (status !== 'RUNNING' && status !== 'PENDING_REDRIVE') {
      const result =
        status === 'SUCCEEDED'
          ? { status, output: described.output ? JSON.parse(described.output) : null }
          : { status, error: described.error, cause: described.cause };
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return status;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
