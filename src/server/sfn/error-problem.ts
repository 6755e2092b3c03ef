import { HttpProblem } from '../http/index.ts';
import { sfnErrorName } from './port.ts';

/** Step Functions' named errors as HTTP problems; undefined for errors that are not from Step Functions. */
export function problemFromSfnError(error: unknown): HttpProblem | undefined {
  const name = sfnErrorName(error);
  if (name === undefined) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  switch (name) {
    case 'ExecutionDoesNotExist':
      return new HttpProblem(404, 'Not Found', `execution: no such execution (${message})`);
    case 'StateMachineDoesNotExist':
      return new HttpProblem(
        404,
        'Not Found',
        `workflow: its state machine is not deployed at this endpoint; run stepforge deploy (${message})`,
      );
    case 'InvalidArn':
    case 'InvalidName':
    case 'InvalidExecutionInput':
      return new HttpProblem(400, 'Bad Request', `${name}: ${message}`);
    case 'ExecutionLimitExceeded':
    case 'ThrottlingException':
      return new HttpProblem(503, 'Service Unavailable', `Step Functions: ${name}: ${message}`);
    default:
      return new HttpProblem(502, 'Bad Gateway', `Step Functions: ${name}: ${message}`);
  }
}
