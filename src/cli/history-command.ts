import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type SFNClient, type HistoryEvent, paginateGetExecutionHistory } from '@aws-sdk/client-sfn';
import { createSfnClient } from '../aws/index.ts';
import { type Deployment, readDeployment, workflowArn } from '../deploy/index.ts';
import { branchResolverFromAsl, foldSteps, type HistoryEventLike, type StepRow } from '../server/history/index.ts';
import { parseArgs, rejectUnknownOptions, stringOption } from './args.ts';
import { formatStepTable } from './step-table.ts';
import { useRunningStack } from './running-stack.ts';
import { UsageError } from './usage-error.ts';

/** `stepforge history <workflow> <execution> [--json] [--build build]`: the steps view of one execution. */
export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['json']);
  rejectUnknownOptions(args, ['json', 'build']);
  const [workflow, execution, extra] = args.positionals;
  if (!workflow || !execution || extra)
    throw new UsageError('usage: stepforge history <workflow> <execution> [--json]');
  const buildDir = stringOption(args, 'build') ?? 'build';
  const deployment = await readDeployment(buildDir);
  const executionArn = executionArnOf(deployment, workflow, execution);
  useRunningStack();
  const rows = await readSteps(createSfnClient(), executionArn, await readDeployedAsl(buildDir, deployment, workflow));
  process.stdout.write(args.options.json ? `${JSON.stringify(rows, null, 2)}\n` : formatStepTable(rows));
  return 0;
}

/** An execution name, or its full ARN as `start` prints it. */
export function executionArnOf(deployment: Deployment, workflow: string, execution: string): string {
  if (execution.startsWith('arn:')) return execution;
  // arn:aws:states:<region>:<account>:stateMachine:<name> -> arn:aws:states:<region>:<account>:execution:<name>:<execution>
  return `${workflowArn(deployment, workflow).replace(':stateMachine:', ':execution:')}:${execution}`;
}

/** The workflow's ASL from the build folder; only used to tell Parallel branches apart, so a missing file is no error. */
export async function readDeployedAsl(buildDir: string, deployment: Deployment, workflow: string): Promise<unknown> {
  const path = deployment.workflows[workflow]?.asl;
  if (!path) return undefined;
  try {
    return JSON.parse(await readFile(join(buildDir, path), 'utf8'));
  } catch {
    return undefined;
  }
}

export async function readEvents(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  const pages = paginateGetExecutionHistory(
    { client: sfn, pageSize: 1000 },
    { executionArn, includeExecutionData: true },
  );
  for await (const page of pages) events.push(...(page.events ?? []));
  return events;
}

export async function readSteps(sfn: SFNClient, executionArn: string, asl: unknown): Promise<StepRow[]> {
  const events = await readEvents(sfn, executionArn);
  return foldSteps(events as HistoryEventLike[], asl === undefined ? undefined : branchResolverFromAsl(asl));
}
