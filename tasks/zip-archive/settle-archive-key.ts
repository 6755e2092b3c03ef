import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { archiveFileName, isArchiveKeyIn } from './archive-key.ts';

/**
 * The key to write: an archive an earlier attempt of this request completed (its notification may have failed) keeps
 * its key, even if that attempt ran on another day, so the retry overwrites it instead of leaving an orphan beside it.
 * Otherwise `<folder>/<prefix>-<date>.zip`.
 */
export async function settleArchiveKey(
  s3: S3Client,
  options: { bucket: string; folder: string; filePrefix: string; date: Date; signal: AbortSignal },
): Promise<string> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: options.bucket, Prefix: `${options.folder}/` }), {
    abortSignal: options.signal,
  });
  const earlier = (listed.Contents ?? [])
    .map((object) => object.Key ?? '')
    .filter((key) => isArchiveKeyIn(options.folder, options.filePrefix, key))
    .sort();
  return earlier.at(-1) ?? `${options.folder}/${archiveFileName(options.filePrefix, options.date)}`;
}
