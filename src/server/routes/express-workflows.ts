import type { WorkflowEntry } from '../catalog/index.ts';
import { HttpProblem } from '../http/index.ts';
import { sfnErrorName } from '../sfn/index.ts';
import type { RouteDeps } from './route.ts';

// How Step Functions refuses an EXPRESS execution: it keeps no record of one (no `:execution:` ARN to describe, an
// `:express:` ARN is "not valid in this context", and listing is "not supported by this type of state machine").
const REFUSALS = new Set(['ExecutionDoesNotExist', 'InvalidArn', 'StateMachineTypeNotSupported']);

/** The OpenAPI line of that 409, shared by the routes that give it. */
export const EXPRESS_CONFLICT = {
  description: 'the workflow is EXPRESS: Step Functions keeps no record of its executions to read',
} as const;

/** The 409 every route that needs Step Functions' record of an execution gives for an EXPRESS workflow. */
export function expressProblem(workflow: string, what: string): HttpProblem {
  return new HttpProblem(
    409,
    'Conflict',
    `workflow: "${workflow}" is an EXPRESS workflow, and Step Functions keeps no record of EXPRESS executions, so ${what} ` +
      '(DescribeExecution, GetExecutionHistory, ListExecutions and StopExecution refuse them). POST an execution with ' +
      '"Prefer: wait" to get its result in the response; its history is in CloudWatch Logs when the state machine logs.',
    { workflowType: 'EXPRESS' },
  );
}

/**
 * Runs a route that reads or changes one execution. When it fails the way an EXPRESS workflow makes it fail (no such
 * execution), the workflow's type is looked up and an EXPRESS workflow gets a 409 saying why instead of a 404; a
 * STANDARD workflow's route pays nothing extra.
 */
export async function forRecordedExecutions<T>(
  deps: RouteDeps,
  entry: WorkflowEntry,
  what: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const notFound = error instanceof HttpProblem ? error.status === 404 : REFUSALS.has(sfnErrorName(error) ?? '');
    if (notFound && (await deps.workflowType(entry.stateMachineArn)) === 'EXPRESS')
      throw expressProblem(entry.name, what);
    throw error;
  }
}
