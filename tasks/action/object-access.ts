import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { awsErrorDetail, httpStatusOf, isAccessDenied, isAwsError } from '../runtime/aws-error.ts';
import { TaskError } from '../runtime/task-error.ts';
import type { ObjectRef } from './action.ts';

export function describeObject(item: ObjectRef): string {
  return `s3://${item.bucket}/${item.key}`;
}

/**
 * S3 errors about one object as the named errors actions report. `doing` says what was refused (`reading
 * s3://b/k`, `copying s3://b/k to ...`): S3's own "Access Denied" names neither the call nor the object.
 */
export function objectError(item: ObjectRef, error: unknown, doing = `reading ${describeObject(item)}`): unknown {
  if (isAwsError(error, 'NoSuchKey', 'NotFound') || httpStatusOf(error) === 404) {
    const what = isAwsError(error, 'NoSuchBucket') ? `bucket "${item.bucket}"` : describeObject(item);
    return new TaskError('Action.ObjectNotFound', `${what} does not exist`);
  }
  if (isAccessDenied(error)) return new TaskError('Action.AccessDenied', `${doing} was refused: ${awsErrorDetail(error)}`);
  return error;
}

/** Proves the object is there before an action runs, so a missing object never half-runs an action. */
export async function ensureObjectExists(s3: S3Client, item: ObjectRef, signal: AbortSignal): Promise<void> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: item.bucket, Key: item.key }), { abortSignal: signal });
  } catch (error) {
    throw objectError(item, error);
  }
}

export async function readObjectBytes(s3: S3Client, item: ObjectRef, signal: AbortSignal): Promise<Uint8Array> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: item.bucket, Key: item.key }), { abortSignal: signal });
    return await object.Body!.transformToByteArray();
  } catch (error) {
    throw objectError(item, error);
  }
}
