// How a Task's resource shows in the history: an optimised or SDK integration (`arn:aws:states:::sqs:sendMessage`)
// gives Task* events with resourceType `sqs` and resource `sendMessage`; an activity gives Activity* events; a
// Lambda function ARN gives LambdaFunction* events. Activities and `.waitForTaskToken` carry a task token.

export interface TaskResource {
  readonly arn: string;
  readonly eventPrefix: 'Task' | 'Activity' | 'LambdaFunction';
  readonly resourceType: string;
  readonly resource: string;
  readonly needsToken: boolean;
}

const INTEGRATION = /^arn:[^:]+:states:[^:]*:[^:]*:(aws-sdk:[^:]+|[^:]+):(.+)$/;

export function describeResource(arn: string): TaskResource {
  if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(arn) || arn.startsWith('${activity:')) {
    return { arn, eventPrefix: 'Activity', resourceType: 'activity', resource: arn, needsToken: true };
  }
  if (/^arn:[^:]+:lambda:/.test(arn)) {
    return { arn, eventPrefix: 'LambdaFunction', resourceType: 'lambda', resource: arn, needsToken: false };
  }
  const integration = INTEGRATION.exec(arn);
  const resourceType = integration?.[1] ?? 'unknown';
  const resource = integration?.[2] ?? arn;
  return { arn, eventPrefix: 'Task', resourceType, resource, needsToken: resource.endsWith('.waitForTaskToken') };
}
