import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand, paginateListActivities, paginateListStateMachines } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../aws/index.ts';
import { DeployError } from './deploy-error.ts';
import type { DesiredState } from './desired-state.ts';
import { findLeftovers } from './leftovers.ts';
import type {
  ObservedActivity,
  ObservedBucket,
  ObservedQueue,
  ObservedState,
  ObservedStateMachine,
} from './observed-state.ts';
import { activityTags, bucketTags, queueTags, stateMachineTags, statusOf } from './read-tags.ts';

/**
 * The read half of the I/O edge: looks up what the desired state names (with its tags), and the leftovers prune may
 * remove. Standard APIs only (AWS and LocalStack).
 */

async function observeBucket(clients: AwsClients, bucket: string): Promise<ObservedBucket | undefined> {
  try {
    await clients.s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) return undefined;
    if (status === 403)
      throw new DeployError(
        `bucket ${bucket} exists but this account may not use it (bucket names are global): choose another --prefix`,
      );
    throw error;
  }
  return { tags: (await bucketTags(clients, bucket)) ?? {} };
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
  const [{ Attributes: attributes = {} }, tags] = await Promise.all([
    clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] })),
    queueTags(clients, url),
  ]);
  return { url, arn: attributes.QueueArn!, attributes, tags };
}

/** Name -> ARN of every activity or state machine, over all the pages the SDK's paginator brings. */
async function listNamed<Page>(
  pages: AsyncIterable<Page>,
  entries: (page: Page) => ReadonlyArray<readonly [string, string]>,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for await (const page of pages) for (const [name, arn] of entries(page)) found.set(name, arn);
  return found;
}

const listActivities = (clients: AwsClients) =>
  listNamed(paginateListActivities({ client: clients.sfn }, {}), (page) =>
    (page.activities ?? []).map((activity) => [activity.name!, activity.activityArn!] as const),
  );

const listStateMachines = (clients: AwsClients) =>
  listNamed(paginateListStateMachines({ client: clients.sfn }, {}), (page) =>
    (page.stateMachines ?? []).map((machine) => [machine.name!, machine.stateMachineArn!] as const),
  );

async function describeStateMachine(clients: AwsClients, arn: string): Promise<ObservedStateMachine> {
  const [described, tags] = await Promise.all([
    clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn })),
    stateMachineTags(clients, arn),
  ]);
  return {
    arn,
    definition: described.definition ?? '',
    roleArn: described.roleArn ?? '',
    type: described.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    tags,
  };
}

export interface ObserveOptions {
  /** Activity ARNs the previous deployment.json of this build folder lists (see leftovers.ts). */
  readonly previousActivities: ReadonlySet<string>;
}

export async function observeState(
  clients: AwsClients,
  desired: DesiredState,
  options: ObserveOptions,
): Promise<ObservedState> {
  const [bucketList, queueList, allActivities, allMachines] = await Promise.all([
    Promise.all(desired.buckets.map((bucket) => observeBucket(clients, bucket.physicalName))),
    Promise.all(desired.queues.map((queue) => observeQueue(clients, queue.physicalName))),
    listActivities(clients),
    listStateMachines(clients),
  ]);
  const present = <T>(names: readonly { readonly physicalName: string }[], found: readonly (T | undefined)[]) =>
    new Map(
      names.flatMap((item, index) => (found[index] !== undefined ? [[item.physicalName, found[index]] as const] : [])),
    );

  const wantedActivities = desired.activities.filter((activity) => allActivities.has(activity.physicalName));
  const activities = await Promise.all(
    wantedActivities.map(async (activity): Promise<ObservedActivity> => {
      const arn = allActivities.get(activity.physicalName)!;
      return { arn, tags: await activityTags(clients, arn) };
    }),
  );
  const wantedMachines = desired.stateMachines.filter((machine) => allMachines.has(machine.physicalName));
  const [described, leftovers] = await Promise.all([
    Promise.all(wantedMachines.map((machine) => describeStateMachine(clients, allMachines.get(machine.physicalName)!))),
    findLeftovers(clients, desired, {
      prefix: desired.prefix,
      stateMachines: allMachines,
      activities: allActivities,
      previousActivities: options.previousActivities,
    }),
  ]);
  return {
    buckets: present(desired.buckets, bucketList),
    queues: present(desired.queues, queueList),
    activities: present(wantedActivities, activities),
    stateMachines: present(wantedMachines, described),
    leftovers,
  };
}
