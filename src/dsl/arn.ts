// Resource ARNs of the common service integrations, so a Task reads as what it calls. Any raw string works too.

type Mode = 'sync' | 'sync:2' | 'waitForTaskToken';

function suffix(mode: Mode | undefined): string {
  return mode ? `.${mode}` : '';
}

export const arn = {
  lambdaInvoke: (mode?: 'waitForTaskToken'): string => `arn:aws:states:::lambda:invoke${suffix(mode)}`,
  sqsSendMessage: (mode?: 'waitForTaskToken'): string => `arn:aws:states:::sqs:sendMessage${suffix(mode)}`,
  snsPublish: (mode?: 'waitForTaskToken'): string => `arn:aws:states:::sns:publish${suffix(mode)}`,
  startExecution: (mode?: Mode): string => `arn:aws:states:::states:startExecution${suffix(mode)}`,
  /** `awsSdk('s3', 'listObjectsV2')` -> `arn:aws:states:::aws-sdk:s3:listObjectsV2`. */
  awsSdk: (service: string, action: string, mode?: 'waitForTaskToken'): string =>
    `arn:aws:states:::aws-sdk:${service}:${action}${suffix(mode)}`,
  /** An optimised integration: `service('dynamodb', 'putItem')` -> `arn:aws:states:::dynamodb:putItem`. */
  service: (service: string, action: string, mode?: Mode): string =>
    `arn:aws:states:::${service}:${action}${suffix(mode)}`,
  s3GetObject: 'arn:aws:states:::s3:getObject',
  s3ListObjectsV2: 'arn:aws:states:::s3:listObjectsV2',
  s3PutObject: 'arn:aws:states:::s3:putObject',
} as const;
