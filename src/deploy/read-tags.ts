import { GetBucketTaggingCommand } from '@aws-sdk/client-s3';
import { ListTagsForResourceCommand } from '@aws-sdk/client-sfn';
import { ListQueueTagsCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../aws/index.ts';
import { fromKeyValueList, type Tags } from './ownership.ts';

/** Each service's own way to read a resource's tags, as one shape. Standard APIs only (AWS and LocalStack). */

export function errorName(error: unknown): string {
  return (error as { name?: string; Code?: string }).name ?? (error as { Code?: string }).Code ?? '';
}

/** The resource went away between listing and this call (another deploy, a test cleaning up): nothing to judge. */
export function isGone(error: unknown): boolean {
  return /NotFound|DoesNotExist|NonExistent|NoSuchBucket/.test(errorName(error));
}

export function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/** Undefined when the bucket is gone or lives in another region (so it is not this deploy's to judge). */
export async function bucketTags(clients: AwsClients, bucket: string): Promise<Tags | undefined> {
  try {
    const { TagSet } = await clients.s3.send(new GetBucketTaggingCommand({ Bucket: bucket }));
    return Object.fromEntries((TagSet ?? []).map(({ Key, Value }) => [Key ?? '', Value ?? '']));
  } catch (error) {
    if (errorName(error) === 'NoSuchTagSet') return {};
    const status = statusOf(error);
    if (status === 404 || status === 301 || errorName(error) === 'PermanentRedirect') return undefined;
    throw error;
  }
}

export async function queueTags(clients: AwsClients, url: string): Promise<Tags> {
  const { Tags: tags } = await clients.sqs.send(new ListQueueTagsCommand({ QueueUrl: url }));
  return tags ?? {};
}

export async function stateMachineTags(clients: AwsClients, arn: string): Promise<Tags> {
  return fromKeyValueList((await clients.sfn.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags);
}

/**
 * Undefined where the service cannot tag activities: LocalStack (2026.3) answers ResourceNotFound to
 * ListTagsForResource and TagResource for an activity it has just listed, and ignores CreateActivity's tags.
 */
export async function activityTags(clients: AwsClients, arn: string): Promise<Tags | undefined> {
  try {
    return fromKeyValueList((await clients.sfn.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags);
  } catch (error) {
    if (errorName(error) === 'ResourceNotFound') return undefined;
    throw error;
  }
}
