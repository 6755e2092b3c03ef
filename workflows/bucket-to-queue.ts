// Replaces the Python script that listed a bucket of content-addressed objects (`<sha256>.<ext>`) and published one
// `{"bucket", "key"}` message per object to a FIFO queue, so a downstream consumer sees each object once, in order.
import { placeholder, workflow } from '../src/dsl/index.ts';

export interface BucketToQueueInput {
  /** Only objects under this key prefix; "" for the whole bucket. */
  readonly prefix: string;
}

const OBJECT_QUEUE = 'object-keys.fifo';

const draft = workflow<BucketToQueueInput>('bucket-to-queue', {
  comment: 'Publish one message per object of the objects bucket to a FIFO queue (deduplicated per bucket+key)',
  resources: { buckets: ['hashed-objects'], queues: [{ name: OBJECT_QUEUE, fifo: true }] },
});

const publishObjects = draft.listAndPublish('PublishObjects', ({ input }) => ({
  // One message group per bucket (the task's default) keeps the order of the listing; the task derives each
  // message's deduplication id from bucket+key, so a rerun inside SQS's 5-minute window publishes no duplicate.
  input: {
    bucket: placeholder.bucket('hashed-objects'),
    prefix: input.prefix,
    queueUrl: placeholder.queueUrl(OBJECT_QUEUE),
  },
  // The default dispatch: an SQS message with a task token to the stepforge-list-and-publish-tasks queue (+ DLQ).
}));

export const bucketToQueue = draft.start(publishObjects);
