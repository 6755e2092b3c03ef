// Resource ARNs -> the DSL's `arn` helpers (`arn:aws:states:::lambda:invoke` -> `arn.lambdaInvoke()`), kept only
// when the helper returns the very same string; placeholders, Lambda function ARNs and the rest stay strings.
import { arn } from '../../dsl/arn.ts';
import { stringLiteral } from './code-text.ts';
import type { CodeScope } from './code-scope.ts';

interface Candidate {
  readonly code: string;
  readonly value: string;
}

const OPTIMIZED =
  /^arn:aws:states:::([a-z0-9-]+):([A-Za-z0-9]+)(?::([A-Za-z0-9]+))?(?:\.(sync:2|sync|waitForTaskToken))?$/;
type Mode = 'sync' | 'sync:2' | 'waitForTaskToken';

function candidates(resource: string): Candidate[] {
  const match = OPTIMIZED.exec(resource);
  if (!match) return [];
  const [, service, action, sdkAction, mode] = match as unknown as [
    string,
    string,
    string,
    string | undefined,
    Mode | undefined,
  ];
  const modeArg = mode ? stringLiteral(mode) : '';
  const withMode = (prefix: string) => (mode ? `${prefix}, ${modeArg})` : `${prefix})`);
  const found: Candidate[] = [];
  if (service === 'aws-sdk' && sdkAction !== undefined && (mode === undefined || mode === 'waitForTaskToken')) {
    found.push({
      code: withMode(`arn.awsSdk(${stringLiteral(action)}, ${stringLiteral(sdkAction)}`),
      value: arn.awsSdk(action, sdkAction, mode),
    });
  }
  if (sdkAction !== undefined) return found;
  const simple = mode === undefined || mode === 'waitForTaskToken';
  const key = `${service}:${action}`;
  if (key === 'lambda:invoke' && simple)
    found.push({ code: `arn.lambdaInvoke(${modeArg})`, value: arn.lambdaInvoke(mode) });
  if (key === 'sqs:sendMessage' && simple)
    found.push({ code: `arn.sqsSendMessage(${modeArg})`, value: arn.sqsSendMessage(mode) });
  if (key === 'sns:publish' && simple) found.push({ code: `arn.snsPublish(${modeArg})`, value: arn.snsPublish(mode) });
  if (key === 'states:startExecution')
    found.push({ code: `arn.startExecution(${modeArg})`, value: arn.startExecution(mode) });
  if (mode === undefined && key === 's3:getObject') found.push({ code: 'arn.s3GetObject', value: arn.s3GetObject });
  if (mode === undefined && key === 's3:listObjectsV2')
    found.push({ code: 'arn.s3ListObjectsV2', value: arn.s3ListObjectsV2 });
  if (mode === undefined && key === 's3:putObject') found.push({ code: 'arn.s3PutObject', value: arn.s3PutObject });
  found.push({
    code: withMode(`arn.service(${stringLiteral(service)}, ${stringLiteral(action)}`),
    value: arn.service(service, action, mode),
  });
  return found;
}

/** The `arn.*` expression for a Resource, or undefined to keep the string. */
export function resourceCode(resource: string, scope: CodeScope): string | undefined {
  const chosen = candidates(resource).find((candidate) => candidate.value === resource);
  if (!chosen) return undefined;
  scope.use('arn');
  return chosen.code;
}
