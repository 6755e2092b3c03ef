import { HttpProblem } from '../http/index.ts';

/** Step Functions execution names: 1-80 characters; this server keeps to the safe ASCII subset. */
export const EXECUTION_NAME_PATTERN = '^[A-Za-z0-9_.-]{1,80}$';

/**
 * The execution ARN for an execution name of a state machine (`...:stateMachine:sm` -> `...:execution:sm:name`).
 * A full execution ARN is accepted too, if it belongs to that state machine.
 */
export function executionArnFor(stateMachineArn: string, execution: string): string {
  const prefix = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:`;
  if (execution.startsWith('arn:')) {
    if (!execution.startsWith(prefix)) {
      throw new HttpProblem(404, 'Not Found', `execution: ${execution} is not an execution of ${stateMachineArn}`);
    }
    return execution;
  }
  if (!new RegExp(EXECUTION_NAME_PATTERN).test(execution)) {
    throw new HttpProblem(
      400,
      'Bad Request',
      `execution: "${execution}" is not a valid execution name (${EXECUTION_NAME_PATTERN})`,
    );
  }
  return `${prefix}${execution}`;
}

/** The last segment of an execution ARN: the name the routes use. */
export function executionNameOf(executionArn: string): string {
  return executionArn.slice(executionArn.lastIndexOf(':') + 1);
}
