import { CreateBucketCommand, PutBucketTaggingCommand } from '@aws-sdk/client-s3';
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  TagResourceCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
} from '@aws-sdk/client-sqs';
import { type AwsClients, regionInUse } from '../aws/index.ts';
import { DeployError } from './deploy-error.ts';
import type { DesiredQueue } from './desired-state.ts';
import { type Tags, toKeyValueList } from './ownership.ts';
import type { PlannedQueue, PlannedResource, PlannedStateMachine } from './plan.ts';
import { bucketTags } from './read-tags.ts';

/** The write half of the I/O edge: executes planned actions and returns the addresses deploy learns on the way. */

export interface DeployedQueue {
  readonly url: string;
  readonly arn: string;
}

/** Logical name -> where it lives now. */
export interface DeployedResources {
  readonly buckets: Map<string, string>;
  readonly queues: Map<string, DeployedQueue>;
  readonly activities: Map<string, string>;
}

function redrivePolicy(queue: DesiredQueue, queues: ReadonlyMap<string, DeployedQueue>): string {
  if (!queue.redrive) return '';
  const dlq = queues.get(queue.redrive.dlqName);
  if (!dlq)
    throw new DeployError(
      `queue ${queue.physicalName}: its DLQ ${queue.redrive.dlqPhysicalName} was not deployed before it`,
    );
  return JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: queue.redrive.maxReceiveCount });
}

async function queueArn(clients: AwsClients, url: string): Promise<string> {
  const { Attributes } = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return Attributes!.QueueArn!;
}

async function applyQueue(
  clients: AwsClients,
  action: PlannedQueue,
  queues: ReadonlyMap<string, DeployedQueue>,
): Promise<DeployedQueue> {
  const { queue } = action;
  if (action.change === 'create') {
    const redrive = redrivePolicy(queue, queues);
    const created = await clients.sqs.send(
      new CreateQueueCommand({
        QueueName: queue.physicalName,
        Attributes: { ...queue.attributes, ...(redrive ? { RedrivePolicy: redrive } : {}) },
        tags: { ...action.tags },
      }),
    );
    return { url: created.QueueUrl!, arn: await queueArn(clients, created.QueueUrl!) };
  }
  const observed = action.observed!;
  if (action.change === 'update') {
    const changed: Record<string, string> = {};
    for (const name of action.differences.filter((difference) => difference !== 'tags')) {
      // An empty RedrivePolicy is how SQS removes one.
      changed[name] = name === 'RedrivePolicy' ? redrivePolicy(queue, queues) : queue.attributes[name]!;
    }
    if (Object.keys(changed).length)
      await clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: observed.url, Attributes: changed }));
    if (action.differences.includes('tags'))
      await clients.sqs.send(new TagQueueCommand({ QueueUrl: observed.url, Tags: { ...action.tags } }));
  }
  return { url: observed.url, arn: observed.arn };
}

/** PutBucketTagging replaces the whole set, so the tags someone else put on an adopted bucket are kept. */
async function tagBucket(
  clients: AwsClients,
  bucket: string,
  tags: Tags,
  options: { readonly fresh: boolean },
): Promise<void> {
  const merged = options.fresh ? tags : { ...(await bucketTags(clients, bucket)), ...tags };
  await clients.s3.send(
    new PutBucketTaggingCommand({
      Bucket: bucket,
      Tagging: { TagSet: Object.entries(merged).map(([Key, Value]) => ({ Key, Value })) },
    }),
  );
}

async function createBucket(clients: AwsClients, bucket: string, tags: Tags): Promise<void> {
  const region = await regionInUse(clients);
  await clients.s3.send(
    new CreateBucketCommand({
      Bucket: bucket,
      // us-east-1 is the one region that rejects an explicit location constraint.
      ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
    }),
  );
  await tagBucket(clients, bucket, tags, { fresh: true });
}

const tagStepFunctionsResource = (clients: AwsClients, arn: string, tags: Tags) =>
  clients.sfn.send(new TagResourceCommand({ resourceArn: arn, tags: toKeyValueList(tags) }));

/** Applies buckets, queues and activities in plan order (DLQs before their queues). */
export async function applyResources(
  clients: AwsClients,
  plan: readonly PlannedResource[],
  onApplied: (action: PlannedResource) => void = () => {},
): Promise<DeployedResources> {
  const deployed: DeployedResources = { buckets: new Map(), queues: new Map(), activities: new Map() };
  for (const action of plan) {
    switch (action.resource) {
      case 'bucket':
        if (action.change === 'create') await createBucket(clients, action.physicalName, action.tags);
        else if (action.change === 'update')
          await tagBucket(clients, action.physicalName, action.tags, { fresh: false });
        deployed.buckets.set(action.name, action.physicalName);
        break;
      case 'queue':
        deployed.queues.set(action.name, await applyQueue(clients, action, deployed.queues));
        break;
      case 'activity': {
        // CreateActivity returns the existing ARN for an existing name, so it doubles as the lookup.
        const arn =
          action.arn ??
          (
            await clients.sfn.send(
              new CreateActivityCommand({ name: action.physicalName, tags: toKeyValueList(action.tags) }),
            )
          ).activityArn!;
        // Only planned where the service reported the activity's tags, so it can also set them.
        if (action.change === 'update') await tagStepFunctionsResource(clients, arn, action.tags);
        deployed.activities.set(action.name, arn);
        break;
      }
    }
    onApplied(action);
  }
  return deployed;
}

/** Creates or updates one state machine in place and returns its ARN (unchanged on update). */
export async function applyStateMachine(clients: AwsClients, action: PlannedStateMachine): Promise<string> {
  if (action.change === 'create') {
    const created = await clients.sfn.send(
      new CreateStateMachineCommand({
        name: action.physicalName,
        definition: action.definition,
        roleArn: action.roleArn,
        type: action.type,
        tags: toKeyValueList(action.tags),
      }),
    );
    return created.stateMachineArn!;
  }
  if (action.differences.some((difference) => difference !== 'tags')) {
    await clients.sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn: action.arn!,
        definition: action.definition,
        roleArn: action.roleArn,
      }),
    );
  }
  if (action.differences.includes('tags')) await tagStepFunctionsResource(clients, action.arn!, action.tags);
  return action.arn!;
}
