import {
  type _Object,
  type ListObjectsV2CommandOutput,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { awsErrorDetail, isAccessDenied, isAwsError } from '../runtime/aws-error.ts';
import { TaskError } from '../runtime/task-error.ts';
import { ERROR_PREFIX } from './input.ts';

export interface ListingOptions {
  readonly bucket: string;
  readonly prefix: string | undefined;
  readonly startAfter: string | undefined;
  readonly maxObjects: number | undefined;
  /** Keys per ListObjectsV2 call (at most 1,000, S3's limit). */
  readonly pageSize?: number;
}

function listingError(bucket: string, error: unknown): unknown {
  if (isAwsError(error, 'NoSuchBucket')) {
    return new TaskError(`${ERROR_PREFIX}.BucketNotFound`, `bucket "${bucket}" does not exist`);
  }
  if (isAccessDenied(error)) {
    return new TaskError(
      `${ERROR_PREFIX}.AccessDenied`,
      `listing bucket "${bucket}" was refused: ${awsErrorDetail(error)}`,
    );
  }
  return error;
}

/**
 * Every page of the listing (the SDK's paginator), in key order, up to `maxObjects`. The next page is already being
 * fetched while the caller works on the current one, so listing and publishing overlap.
 */
export async function* listPages(
  s3: S3Client,
  options: ListingOptions,
  signal: AbortSignal,
): AsyncGenerator<_Object[]> {
  let remaining = options.maxObjects ?? Number.POSITIVE_INFINITY;
  if (remaining <= 0) return;
  const pages = paginateListObjectsV2(
    { client: s3, pageSize: Math.min(options.pageSize ?? 1000, remaining) },
    { Bucket: options.bucket, Prefix: options.prefix, StartAfter: options.startAfter },
    { abortSignal: signal },
  );
  const fetchNext = (): Promise<IteratorResult<ListObjectsV2CommandOutput>> => {
    const page = pages.next().catch((error: unknown) => Promise.reject(listingError(options.bucket, error)));
    // The caller may stop iterating before awaiting a prefetched page: its failure must not go unhandled.
    page.catch(() => undefined);
    return page;
  };
  let next: Promise<IteratorResult<ListObjectsV2CommandOutput>> | undefined = fetchNext();
  while (next) {
    const page: IteratorResult<ListObjectsV2CommandOutput> = await next;
    if (page.done) return;
    let objects = page.value.Contents ?? [];
    if (objects.length > remaining) objects = objects.slice(0, remaining);
    remaining -= objects.length;
    next = page.value.IsTruncated && remaining > 0 ? fetchNext() : undefined;
    if (objects.length > 0) yield objects;
  }
}
