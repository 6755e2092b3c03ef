import { ListObjectVersionsCommand, paginateListBuckets } from '@aws-sdk/client-s3';
import { paginateListQueues } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../aws/index.ts';
import type { DesiredState } from './desired-state.ts';
import type { Leftover } from './observed-state.ts';
import { isOwned, ownershipTags, type Tags } from './ownership.ts';
import { activityTags, bucketTags, isGone, queueTags, stateMachineTags } from './read-tags.ts';
import { compareCodeUnits } from '../contracts/index.ts';

/**
 * Finds what prune may remove: resources named with this deploy's prefix, absent from the desired state, and proven
 * ours by their tags. Activities where the service cannot tag them are proven by the previous deployment.json of
 * this build folder (same endpoint, region and prefix): deploy wrote it, listing the activities it made or adopted.
 */
export interface LeftoverInputs {
  readonly prefix: string;
  /** Name -> ARN, as ListStateMachines/ListActivities answered (observe lists them anyway). */
  readonly stateMachines: ReadonlyMap<string, string>;
  readonly activities: ReadonlyMap<string, string>;
  /** Activity ARNs the previous deployment.json lists, for endpoints that cannot tag activities. */
  readonly previousActivities: ReadonlySet<string>;
}

/** Tag reads one after another would make a deploy with many leftovers slow; all at once would be throttled on AWS. */
const TAG_READS_AT_ONCE = 8;

async function mapLimited<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(TAG_READS_AT_ONCE, items.length) }, lane));
  return results;
}

async function listQueueUrls(clients: AwsClients, prefix: string): Promise<string[]> {
  const urls: string[] = [];
  const pages = paginateListQueues({ client: clients.sqs, pageSize: 1000 }, prefix ? { QueueNamePrefix: prefix } : {});
  for await (const page of pages) urls.push(...(page.QueueUrls ?? []));
  return urls;
}

async function listBucketNames(clients: AwsClients): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateListBuckets({ client: clients.s3 }, {}))
    names.push(...(page.Buckets ?? []).map((bucket) => bucket.Name!));
  return names;
}

/** Empty means nothing to lose: no object, no old version, no delete marker (DeleteBucket refuses otherwise). */
async function bucketIsEmpty(clients: AwsClients, bucket: string): Promise<boolean> {
  try {
    const page = await clients.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1 }));
    return !page.Versions?.length && !page.DeleteMarkers?.length;
  } catch (error) {
    // Deleted since it was listed: nothing left to lose (and deleting it again is a no-op for apply).
    if (isGone(error)) return true;
    throw error;
  }
}

async function owned<T extends { readonly physicalName: string }>(
  candidates: readonly T[],
  tagsOf: (candidate: T) => Promise<Tags | undefined>,
  prefix: string,
): Promise<T[]> {
  const tags = await mapLimited(candidates, (candidate) =>
    tagsOf(candidate).catch((error: unknown) => {
      if (isGone(error)) return undefined;
      throw error;
    }),
  );
  return candidates.filter((_, index) => isOwned(tags[index], prefix));
}

export async function findLeftovers(
  clients: AwsClients,
  desired: DesiredState,
  inputs: LeftoverInputs,
): Promise<Leftover[]> {
  const { prefix } = inputs;
  const wanted = (list: readonly { readonly physicalName: string }[]) => new Set(list.map((item) => item.physicalName));
  const unwanted = (names: Iterable<string>, keep: ReadonlySet<string>) =>
    [...names].filter((name) => name.startsWith(prefix) && !keep.has(name));

  const machineNames = unwanted(inputs.stateMachines.keys(), wanted(desired.stateMachines));
  const machines = owned(
    machineNames.map(
      (physicalName): Leftover => ({
        resource: 'state machine',
        physicalName,
        address: inputs.stateMachines.get(physicalName)!,
      }),
    ),
    (machine) => stateMachineTags(clients, machine.address),
    prefix,
  );

  const activityNames = unwanted(inputs.activities.keys(), wanted(desired.activities));
  const activities = owned(
    activityNames.map(
      (physicalName): Leftover => ({
        resource: 'activity',
        physicalName,
        address: inputs.activities.get(physicalName)!,
      }),
    ),
    async (activity) => {
      const tags = await activityTags(clients, activity.address);
      if (tags !== undefined) return tags;
      // The service cannot tag activities: ownership is the previous deploy's own record of them.
      return inputs.previousActivities.has(activity.address) ? ownershipTags(prefix) : undefined;
    },
    prefix,
  );

  const queues = listQueueUrls(clients, prefix).then((urls) => {
    const keep = wanted(desired.queues);
    const candidates = urls
      .map(
        (url): Leftover => ({
          resource: 'queue',
          physicalName: decodeURIComponent(url.split('/').pop() ?? ''),
          address: url,
        }),
      )
      .filter((queue) => queue.physicalName.startsWith(prefix) && !keep.has(queue.physicalName));
    return owned(candidates, (queue) => queueTags(clients, queue.address), prefix);
  });

  const buckets = listBucketNames(clients).then(async (names) => {
    const candidates = unwanted(names, wanted(desired.buckets)).map(
      (physicalName): Leftover => ({ resource: 'bucket', physicalName, address: physicalName }),
    );
    const mine = await owned(candidates, (bucket) => bucketTags(clients, bucket.address), prefix);
    const empty = await mapLimited(mine, (bucket) => bucketIsEmpty(clients, bucket.address));
    return mine.map((bucket, index) => ({ ...bucket, empty: empty[index]! }));
  });

  const found = (await Promise.all([machines, activities, queues, buckets])).flat();
  return found.sort((a, b) => compareCodeUnits(a.physicalName, b.physicalName));
}
