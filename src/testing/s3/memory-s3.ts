// The run's S3: an in-memory object store a test seeds (`s3: { 'bucket/key': 'body' }`), which a Distributed Map's
// ItemReader and ResultWriter, the built-in `aws-sdk:s3:*` task handlers and the task-container fakes all read and
// write, so that what one part of a run writes the next one sees. A bucket exists once seeded (`'bucket/'` seeds
// an empty one) or created.
import { createHash } from 'node:crypto';

export interface StoredObject {
  readonly body: Uint8Array;
  readonly etag: string;
  readonly lastModified: Date;
  readonly contentType?: string;
}

export type S3Seed = Readonly<Record<string, string | Uint8Array>>;

/** S3's own error names, as the SDK and the `aws-sdk:s3:*` integrations (prefixed `S3.`) report them. */
export class S3Error extends Error {
  constructor(
    readonly code: 'NoSuchKey' | 'NoSuchBucket',
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export class MemoryS3 {
  private readonly buckets = new Map<string, Map<string, StoredObject>>();

  constructor(
    seed: S3Seed = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const [path, body] of Object.entries(seed)) {
      const { bucket, key } = splitPath(path);
      this.createBucket(bucket);
      if (key !== '') this.put(bucket, key, body);
    }
  }

  createBucket(bucket: string): void {
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, new Map());
  }

  hasBucket(bucket: string): boolean {
    return this.buckets.has(bucket);
  }

  put(bucket: string, key: string, body: string | Uint8Array, contentType?: string): StoredObject {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const stored: StoredObject = {
      body: bytes,
      etag: `"${createHash('md5').update(bytes).digest('hex')}"`,
      lastModified: this.now(),
      ...(contentType !== undefined && { contentType }),
    };
    this.bucket(bucket).set(key, stored);
    return stored;
  }

  get(bucket: string, key: string): StoredObject {
    const stored = this.bucket(bucket).get(key);
    if (!stored) throw new S3Error('NoSuchKey', `The specified key does not exist. (s3://${bucket}/${key})`);
    return stored;
  }

  text(bucket: string, key: string): string {
    return new TextDecoder().decode(this.get(bucket, key).body);
  }

  delete(bucket: string, key: string): void {
    this.bucket(bucket).delete(key);
  }

  /** Keys in UTF-8 binary order, as ListObjectsV2 returns them. */
  list(bucket: string, prefix = '', startAfter = ''): { readonly key: string; readonly object: StoredObject }[] {
    return [...this.bucket(bucket).entries()]
      .filter(([key]) => key.startsWith(prefix) && key > startAfter)
      .sort(([left], [right]) => Buffer.compare(Buffer.from(left), Buffer.from(right)))
      .map(([key, object]) => ({ key, object }));
  }

  /** Every object as `'bucket/key' -> text`, for assertions. */
  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (const [bucket, objects] of this.buckets)
      for (const [key, object] of objects) record[`${bucket}/${key}`] = new TextDecoder().decode(object.body);
    return record;
  }

  private bucket(bucket: string): Map<string, StoredObject> {
    const objects = this.buckets.get(bucket);
    if (!objects) throw new S3Error('NoSuchBucket', `The specified bucket does not exist. (${bucket})`);
    return objects;
  }
}

function splitPath(path: string): { bucket: string; key: string } {
  const slash = path.indexOf('/');
  if (slash <= 0) throw new TypeError(`s3 seed "${path}": write it as "bucket/key" (or "bucket/" for an empty bucket)`);
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}
