export { MemoryS3, S3Error, type S3Seed, type StoredObject } from './memory-s3.ts';
export { listObjectsV2, s3SdkHandler } from './sdk-handlers.ts';
