// The `aws-sdk:s3:*` Task integrations a workflow calls itself, answered from the run's in-memory S3, with the
// result shapes and `S3.*Exception` error names Step Functions gives. They answer only when the test gave the run
// an S3 (`s3` option) and no mock of the state or resource takes precedence.
import type { JsonObject, JsonValue } from '../json.ts';
import { TaskFailure } from '../mocks.ts';
import { type MemoryS3, S3Error, type StoredObject } from './memory-s3.ts';

type S3Handler = (store: MemoryS3, parameters: JsonObject) => JsonValue;

const SDK_S3 = 'arn:aws:states:::aws-sdk:s3:';

const HANDLERS: Readonly<Record<string, S3Handler>> = {
  getObject: (store, parameters) => {
    const object = store.get(text(parameters, 'Bucket'), text(parameters, 'Key'));
    return { Body: new TextDecoder().decode(object.body), ...headers(object) };
  },
  putObject: (store, parameters) => {
    const body = parameters.Body;
    const stored = store.put(
      text(parameters, 'Bucket'),
      text(parameters, 'Key'),
      typeof body === 'string' ? body : JSON.stringify(body ?? ''),
      typeof parameters.ContentType === 'string' ? parameters.ContentType : undefined,
    );
    return { ETag: stored.etag };
  },
  headObject: (store, parameters) => headers(store.get(text(parameters, 'Bucket'), text(parameters, 'Key'))),
  deleteObject: (store, parameters) => {
    const bucket = text(parameters, 'Bucket');
    if (!store.hasBucket(bucket)) store.get(bucket, text(parameters, 'Key'));
    store.delete(bucket, text(parameters, 'Key'));
    return {};
  },
  copyObject: (store, parameters) => {
    const source = text(parameters, 'CopySource').replace(/^\//, '');
    const slash = source.indexOf('/');
    const object = store.get(source.slice(0, slash), decodeURIComponent(source.slice(slash + 1)));
    const stored = store.put(text(parameters, 'Bucket'), text(parameters, 'Key'), object.body, object.contentType);
    return { CopyObjectResult: { ETag: stored.etag, LastModified: stored.lastModified.toISOString() } };
  },
  listObjectsV2: (store, parameters) => listObjectsV2(store, parameters),
};

function headers(object: StoredObject): JsonObject {
  return {
    ContentLength: object.body.byteLength,
    ContentType: object.contentType ?? 'binary/octet-stream',
    ETag: object.etag,
    LastModified: object.lastModified.toISOString(),
    Metadata: {},
  };
}

/** One page of ListObjectsV2 (MaxKeys, default 1000), continued by ContinuationToken (the last key of the page). */
export function listObjectsV2(store: MemoryS3, parameters: JsonObject): JsonObject {
  const bucket = text(parameters, 'Bucket');
  const prefix = typeof parameters.Prefix === 'string' ? parameters.Prefix : '';
  const maxKeys = typeof parameters.MaxKeys === 'number' ? parameters.MaxKeys : 1000;
  const after =
    typeof parameters.ContinuationToken === 'string'
      ? Buffer.from(parameters.ContinuationToken, 'base64').toString()
      : typeof parameters.StartAfter === 'string'
        ? parameters.StartAfter
        : '';
  const all = store.list(bucket, prefix, after);
  const page = all.slice(0, maxKeys);
  const truncated = all.length > page.length;
  return {
    Contents: page.map(({ key, object }) => ({
      Key: key,
      LastModified: object.lastModified.toISOString(),
      ETag: object.etag,
      Size: object.body.byteLength,
      StorageClass: 'STANDARD',
    })),
    IsTruncated: truncated,
    KeyCount: page.length,
    MaxKeys: maxKeys,
    Name: bucket,
    Prefix: prefix,
    ...(truncated && { NextContinuationToken: Buffer.from(page.at(-1)?.key ?? '').toString('base64') }),
  };
}

/** The built-in handler for an `aws-sdk:s3:<action>` resource, if the runner has one. */
export function s3SdkHandler(resource: string): ((store: MemoryS3, input: JsonValue) => JsonValue) | undefined {
  if (!resource.startsWith(SDK_S3)) return undefined;
  const handler = HANDLERS[resource.slice(SDK_S3.length)];
  if (!handler) return undefined;
  return (store, input) => {
    try {
      return handler(
        store,
        (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as JsonObject,
      );
    } catch (error) {
      if (error instanceof S3Error)
        throw new TaskFailure(`S3.${error.code}Exception`, `${error.message} (Service: S3, Status Code: 404)`);
      throw error;
    }
  };
}

function text(parameters: JsonObject, field: string): string {
  const value = parameters[field];
  if (typeof value !== 'string' || value === '')
    throw new TaskFailure('S3.InvalidRequestException', `Missing required parameter: ${field}`);
  return value;
}
