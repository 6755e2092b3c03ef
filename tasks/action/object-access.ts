import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
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
  if (isAccessDenied(error))
    return new TaskError('Action.AccessDenied', `${doing} was refused: ${awsErrorDetail(error)}`);
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

/** An object opened for streaming: its body and, when S3 said, its size. */
export interface OpenedObject {
  readonly body: Readable;
  readonly size: number | undefined;
}

/** The SDK hands Node a Readable; a runtime whose HTTP handler gives a Web stream gets it converted. */
function toReadable(body: unknown): Readable {
  if (body instanceof Readable) return body;
  if (body && typeof (body as WebReadableStream).getReader === 'function')
    return Readable.fromWeb(body as WebReadableStream);
  throw new Error('S3 returned a body that is not a stream');
}

/** GetObject without reading the body: the caller streams it (a missing object fails here, before any side effect). */
export async function openObject(s3: S3Client, item: ObjectRef, signal: AbortSignal): Promise<OpenedObject> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: item.bucket, Key: item.key }), { abortSignal: signal });
    return { body: toReadable(object.Body), size: object.ContentLength };
  } catch (error) {
    throw objectError(item, error);
  }
}

/** The object's bytes stopped coming (a cut connection) or did not match its length: not the receiver's fault. */
export class ObjectReadError extends Error {
  override readonly name = 'ObjectReadError';
}
