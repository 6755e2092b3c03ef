import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand, ListActivitiesCommand, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../aws/index.ts';
import { DeployError } from './deploy-error.ts';
import type { DesiredState } from './desired-state.ts';
import type { ObservedQueue, ObservedState, ObservedStateMachine } from './observed-state.ts';

/** The read half of the I/O edge: looks up only what the desired state names. Standard APIs only (AWS and LocalStack). */

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

async function bucketExists(clients: AwsClients, bucket: string): Promise<boolean> {
  try {
    await clients.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) return false;
    if (status === 403) throw new DeployError(`bucket ${bucket} exists but this account may not use it (bucket names are global): choose another --prefix`);
    throw error;
  }
}

function isMissingQueue(error: unknown): boolean {
  const name = (error as { name?: string }).name ?? '';
  return name.includes('QueueDoesNotExist') || name.includes('NonExistentQueue');
}

export async function observeQueue(clients: AwsClients, queueName: string): Promise<ObservedQueue | undefined> {
  let url: string;
  try {
    const found = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
    url = found.QueueUrl!;
  } catch (error) {
    if (isMissingQueue(error)) return undefined;
    throw error;
  }
  const { Attributes: attributes = {} } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
  return { url, arn: attributes.QueueArn!, attributes };
}

/** Name -> ARN of every activity or state machine: both APIs page the same way. */
async function listNamed<Page extends { nextToken?: string }>(
  fetchPage: (nextToken: string | undefined) => Promise<Page>,
  entries: (page: Page) => ReadonlyArray<readonly [string, string]>,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let nextToken: string | undefined;
  do {
    const page = await fetchPage(nextToken);
    for (const [name, arn] of entries(page)) found.set(name, arn);
    nextToken = page.nextToken;
  } while (nextToken);
  return found;
}

const listActivities = (clients: AwsClients) =>
  listNamed(
    (nextToken) => clients.sfn.send(new ListActivitiesCommand({ nextToken })),
    (page) => (page.activities ?? []).map((activity) => [activity.name!, activity.activityArn!] as const),
  );

const listStateMachines = (clients: AwsClients) =>
  listNamed(
    (nextToken) => clients.sfn.send(new ListStateMachinesCommand({ nextToken })),
    (page) => (page.stateMachines ?? []).map((machine) => [machine.name!, machine.stateMachineArn!] as const),
  );

async function describeStateMachine(clients: AwsClients, arn: string): Promise<ObservedStateMachine> {
  const described = await clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
  return {
    arn,
    definition: described.definition ?? '',
    roleArn: described.roleArn ?? '',
    type: described.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
  };
}

export async function observeState(clients: AwsClients, desired: DesiredState): Promise<ObservedState> {
  const [bucketFlags, queueList, allActivities, allMachines] = await Promise.all([
    Promise.all(desired.buckets.map((bucket) => bucketExists(clients, bucket.physicalName))),
    Promise.all(desired.queues.map((queue) => observeQueue(clients, queue.physicalName))),
    listActivities(clients),
    listStateMachines(clients),
  ]);
  const queues = new Map<string, ObservedQueue>();
  desired.queues.forEach((queue, index) => {
    const observed = queueList[index];
    if (observed) queues.set(queue.physicalName, observed);
  });
  const activities = new Map<string, string>();
  for (const activity of desired.activities) {
    const arn = allActivities.get(activity.physicalName);
    if (arn) activities.set(activity.physicalName, arn);
  }
  const wantedMachines = desired.stateMachines.filter((machine) => allMachines.has(machine.physicalName));
  const described = await Promise.all(wantedMachines.map((machine) => describeStateMachine(clients, allMachines.get(machine.physicalName)!)));
  return {
    buckets: new Set(desired.buckets.filter((_, index) => bucketFlags[index]).map((bucket) => bucket.physicalName)),
    queues,
    activities,
    stateMachines: new Map(wantedMachines.map((machine, index) => [machine.physicalName, described[index]!])),
  };
}
