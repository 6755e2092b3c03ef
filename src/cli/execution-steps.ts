// The steps of an execution, as `stepforge history` prints them and `start --wait` follows them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  type HistoryEvent,
  paginateGetExecutionHistory,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { type Deployment, workflowArn } from '../deploy/index.ts';
import { branchResolverFromAsl, foldSteps, type HistoryEventLike, type StepRow } from '../contracts/steps/index.ts';
import { formatStepRow } from './step-table.ts';

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

const POLL_MS = 500;

/** Prints each step when it starts and when its status changes, until the execution ends; returns the final status. */
export async function followExecution(sfn: SFNClient, executionArn: string, asl: unknown): Promise<string> {
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
