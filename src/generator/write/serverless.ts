import type { JsonValue } from '../asl/json.ts';
import { type CompiledWorkflow, mergedResources } from './project.ts';
import { toYamlText } from './text-formats.ts';
import { compareCodeUnits } from '../../contracts/index.ts';

export const SERVERLESS_FILE = 'serverless-localstack.yml';

// LocalStack's fixed account and region: the literal names LocalStack gives resources (the acceptance test creates
// generated ASL on LocalStack with them).
const LOCAL_ACCOUNT = '000000000000';
const LOCAL_REGION = 'us-east-1';
const LOCAL_SQS = `http://127.0.0.1:4566/${LOCAL_ACCOUNT}`;

const RESOLVERS: Record<string, (name: string) => string> = {
  activity: (name) => `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:activity:${name}`,
  queue: (name) => `${LOCAL_SQS}/${name}`,
  queueArn: (name) => `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${name}`,
  bucket: (name) => name,
  stateMachine: (name) => `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}`,
};

/** 14 days, the most SQS allows (deploy's DLQs keep messages as long). */
const DLQ_RETENTION_SECONDS = 1209600;

const PLACEHOLDER = /\$\{(activity|queue|queueArn|bucket|stateMachine):([^}]+)\}/g;

/** Every string of a JSON value passed through `map` (which may turn it into any JSON value). */
function mapStrings(value: JsonValue, map: (text: string) => JsonValue): JsonValue {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, mapStrings(inner, map)]));
  }
  return value;
}

/** Deploy placeholders replaced by what LocalStack (account 000000000000, us-east-1) names the resources. */
export function resolvePlaceholders(value: JsonValue): JsonValue {
  return mapStrings(value, (text) =>
    text.replace(PLACEHOLDER, (_, kind: string, name: string) => RESOLVERS[kind]!(name)),
  );
}

// In the Serverless file, placeholders become references that resolve in whichever account the stack lands in
// (LocalStack or AWS): a whole-value queue URL or ARN refers to the queue resource declared below (`Ref` is its URL,
// `Fn::GetAtt Arn` its ARN; serverless-step-functions accepts both inside definitions), anything else is spelt with
// CloudFormation's pseudo parameters in serverless-step-functions' `#{AWS::Region}` form, which it turns into an
// `Fn::Sub` that CloudFormation resolves at deploy time. Not Serverless's `${aws:accountId}`: the framework resolves
// that itself by asking STS, so even `osls package` would need AWS credentials and a network.
const REGION = '#{AWS::Region}';
const ACCOUNT = '#{AWS::AccountId}';
const ARN_PREFIX = `arn:aws:states:${REGION}:${ACCOUNT}`;
const EMBEDDED: Record<string, (name: string) => string> = {
  activity: (name) => `${ARN_PREFIX}:activity:${name}`,
  queue: (name) => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`,
  queueArn: (name) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`,
  bucket: (name) => name,
  stateMachine: (name) => `${ARN_PREFIX}:stateMachine:${name}`,
};
const WHOLE_VALUE = /^\$\{(queue|queueArn):([^}]+)\}$/;

export function toServerlessReferences(value: JsonValue): JsonValue {
  return mapStrings(value, (text): JsonValue => {
    const whole = WHOLE_VALUE.exec(text);
    if (!whole) return text.replace(PLACEHOLDER, (_, kind: string, name: string) => EMBEDDED[kind]!(name));
    const id = logicalId('Queue', whole[2]!);
    return whole[1] === 'queue' ? { Ref: id } : { 'Fn::GetAtt': [id, 'Arn'] };
  });
}

/** CloudFormation logical ids: letters and digits only, from a resource name. */
export function logicalId(prefix: string, name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return prefix + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}

function queueResources(workflows: readonly CompiledWorkflow[]): Record<string, object> {
  const resources: Record<string, object> = {};
  for (const queue of mergedResources(workflows).queues) {
    const fifo = queue.fifo ? { FifoQueue: true } : {};
    if (queue.dlq) {
      const dlqId = logicalId('Queue', queue.dlq.name);
      // As deploy makes them: messages wait in a DLQ for someone to look, so it keeps them as long as SQS allows.
      resources[dlqId] = {
        Type: 'AWS::SQS::Queue',
        Properties: { QueueName: queue.dlq.name, ...fifo, MessageRetentionPeriod: DLQ_RETENTION_SECONDS },
      };
      resources[logicalId('Queue', queue.name)] = {
        Type: 'AWS::SQS::Queue',
        Properties: {
          QueueName: queue.name,
          ...fifo,
          RedrivePolicy: {
            deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
            maxReceiveCount: queue.dlq.maxReceiveCount,
          },
        },
      };
    } else if (!(logicalId('Queue', queue.name) in resources)) {
      resources[logicalId('Queue', queue.name)] = {
        Type: 'AWS::SQS::Queue',
        Properties: { QueueName: queue.name, ...fifo },
      };
    }
  }
  return resources;
}

/** The Serverless Framework service (serverless-step-functions + serverless-localstack) declaring everything. */
export function toServerlessYaml(workflows: readonly CompiledWorkflow[]): string {
  const resources = mergedResources(workflows);
  const sorted = [...workflows].sort((a, b) => compareCodeUnits(a.name, b.name));
  const buckets: Record<string, object> = {};
  for (const bucket of resources.buckets)
    buckets[logicalId('Bucket', bucket)] = { Type: 'AWS::S3::Bucket', Properties: { BucketName: bucket } };
  const document = {
    service: 'stepforge',
    frameworkVersion: '3',
    plugins: ['serverless-step-functions', 'serverless-localstack'],
    provider: { name: 'aws', region: LOCAL_REGION, stage: 'local' },
    // No host or edgePort: serverless-localstack then takes both from AWS_ENDPOINT_URL, the variable stepforge and
    // serverless-step-functions read too (and falls back to localhost:4566, stepforge's default port, without it).
    custom: { localstack: { stages: ['local'], autostart: false } },
    stepFunctions: {
      validate: false,
      ...(resources.activities.length > 0 ? { activities: [...resources.activities] } : {}),
      stateMachines: Object.fromEntries(
        sorted.map((workflow) => [
          logicalId('', workflow.name),
          { name: workflow.name, type: workflow.type, definition: toServerlessReferences(workflow.asl) },
        ]),
      ),
    },
    resources: { Resources: { ...queueResources(workflows), ...buckets } },
  };
  const header =
    '# Generated by `stepforge generate` from workflows/: do not edit.\n' +
    '# LocalStack: `npx stepforge localstack start --services cloudformation,iam`, then\n' +
    '#   AWS_ENDPOINT_URL=http://127.0.0.1:4566 npx osls deploy --stage local --config serverless-localstack.yml\n' +
    '# AWS: `npx osls deploy --stage <stage> --config serverless-localstack.yml` (serverless-localstack is idle outside stage local).\n';
  return header + toYamlText(document);
}
