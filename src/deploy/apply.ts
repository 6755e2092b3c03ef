import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateActivityCommand, CreateStateMachineCommand, UpdateStateMachineCommand } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../aws/index.ts';
import { DeployError } from './deploy-error.ts';
import type { DesiredQueue } from './desired-state.ts';
import type { PlannedQueue, PlannedResource, PlannedStateMachine } from './plan.ts';

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
  if (!dlq) throw new DeployError(`queue ${queue.physicalName}: its DLQ ${queue.redrive.dlqPhysicalName} was not deployed before it`);
  return JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: queue.redrive.maxReceiveCount });
}

async function queueArn(clients: AwsClients, url: string): Promise<string> {
  const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return Attributes!.QueueArn!;
}

async function applyQueue(clients: AwsClients, action: PlannedQueue, queues: ReadonlyMap<string, DeployedQueue>): Promise<DeployedQueue> {
  const { queue } = action;
  if (action.change === 'create') {
    const redrive = redrivePolicy(queue, queues);
    const created = await clients.sqs.send(
      new CreateQueueCommand({ QueueName: queue.physicalName, Attributes: { ...queue.attributes, ...(redrive ? { RedrivePolicy: redrive } : {}) } }),
    );
    return { url: created.QueueUrl!, arn: await queueArn(clients, created.QueueUrl!) };
  }
  const observed = action.observed!;
  if (action.change === 'update') {
    const changed: Record<string, string> = {};
    for (const name of action.differences) {
      // An empty RedrivePolicy is how SQS removes one.
      changed[name] = name === 'RedrivePolicy' ? redrivePolicy(queue, queues) : queue.attributes[name]!;
    }
    await clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: observed.url, Attributes: changed }));
  }
  return { url: observed.url, arn: observed.arn };
}

async function createBucket(clients: AwsClients, bucket: string): Promise<void> {
  const region = clients.config.region;
  await clients.s3.send(
    new CreateBucketCommand({
      Bucket: bucket,
      // us-east-1 is the one region that rejects an explicit location constraint.
      ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
    }),
  );
}

/** Applies buckets, queues and activities in plan order (DLQs before their queues). */
export async function applyResources(clients: AwsClients, plan: readonly PlannedResource[]): Promise<DeployedResources> {
  const deployed: DeployedResources = { buckets: new Map(), queues: new Map(), activities: new Map() };
  for (const action of plan) {
    switch (action.resource) {
      case 'bucket':
        if (action.change === 'create') await createBucket(clients, action.physicalName);
        deployed.buckets.set(action.name, action.physicalName);
        break;
      case 'queue':
        deployed.queues.set(action.name, await applyQueue(clients, action, deployed.queues));
        break;
      case 'activity': {
        // CreateActivity returns the existing ARN for an existing name, so it doubles as the lookup.
        const arn = action.arn ?? (await clients.sfn.send(new CreateActivityCommand({ name: action.physicalName }))).activityArn!;
        deployed.activities.set(action.name, arn);
        break;
      }
    }
  }
  return deployed;
}

/** Creates or updates one state machine in place and returns its ARN (unchanged on update). */
export async function applyStateMachine(clients: AwsClients, action: PlannedStateMachine): Promise<string> {
  if (action.change === 'create') {
    const created = await clients.sfn.send(
      new CreateStateMachineCommand({ name: action.physicalName, definition: action.definition, roleArn: action.roleArn, type: action.type }),
    );
    return created.stateMachineArn!;
  }
  if (action.change === 'update') {
    await clients.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: action.arn!, definition: action.definition, roleArn: action.roleArn }));
  }
  return action.arn!;
}
