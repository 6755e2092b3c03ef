import { CopyObjectCommand } from '@aws-sdk/client-s3';
import { isAwsError } from '../../runtime/aws-error.ts';
import { TaskError } from '../../runtime/task-error.ts';
import type { ObjectAction } from '../action.ts';
import { objectError } from '../object-access.ts';

export interface S3CopyParams {
  readonly bucket: string;
  /** Prepended to the source key; default none (same key in the other bucket). */
  readonly prefix: string;
}

/** CopySource is `bucket/key` URL-encoded, slashes of the key kept. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** Copies the object to another bucket (and/or under a prefix), server-side. */
export const s3CopyAction: ObjectAction<S3CopyParams> = {
  kind: 'object',
  name: 's3-copy',
  parseParams: (raw, read) => ({
    bucket: read.string(raw, 'bucket'),
    prefix: read.optionalString(raw, 'prefix') ?? '',
  }),
  async run(item, params, context) {
    const key = `${params.prefix}${item.key}`;
    if (new TextEncoder().encode(key).length > 1024) {
      throw new TaskError(
        'Action.KeyTooLong',
        `"${params.prefix}" + key of ${item.key.length} characters exceeds S3's 1,024 bytes`,
      );
    }
    try {
      await context.clients.s3.send(
        new CopyObjectCommand({ Bucket: params.bucket, Key: key, CopySource: copySource(item.bucket, item.key) }),
        { abortSignal: context.signal },
      );
    } catch (error) {
      if (isAwsError(error, 'NoSuchBucket')) {
        throw new TaskError('Action.DestinationNotFound', `destination bucket "${params.bucket}" does not exist`);
      }
      throw objectError(item, error, `copying s3://${item.bucket}/${item.key} to s3://${params.bucket}/${key}`);
    }
    return { copiedTo: { bucket: params.bucket, key } };
  },
};
