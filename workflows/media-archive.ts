// Replaces the Media Archiver service: the execution input is the archiver's SQS payload; the step zips the listed
// objects (from the source bucket, or an allowed second bucket via s3://), uploads the archive and sends the
// notification to the destination queue. The zip-archive worker is configured by environment, as the service was;
// `workerEnvironment` says which resources it works with, and `stepforge dev` resolves them from the deploy.
import { placeholder, type ZipArchiveInput, workflow } from '../src/dsl/index.ts';

const draft = workflow<ZipArchiveInput>('media-archive', {
  comment: 'Zip the requested media objects into one archive and notify the destination queue',
  resources: { buckets: ['media-source', 'media-archives', 'media-extra'], queues: ['media-notifications'] },
  workerEnvironment: {
    'zip-archive': {
      S3_SOURCE_BUCKET: placeholder.bucket('media-source'),
      S3_DESTINATION_BUCKET: placeholder.bucket('media-archives'),
      ALLOWED_SOURCE_BUCKETS: placeholder.bucket('media-extra'),
      SQS_DESTINATION_QUEUE: placeholder.queueUrl('media-notifications'),
      // LocalStack serves objects path-style, so this is a link that works from the developer's machine.
      ARCHIVE_BASE_URL: `\${endpoint}/${placeholder.bucket('media-archives')}`,
    },
  },
});

const archiveMedia = draft.zipArchive('ArchiveMedia', ({ input }) => ({
  input,
  // The default dispatch (SQS with a task token), as the archiver service itself was fed from a queue. The step's
  // defaults fit large archives: TimeoutSeconds 6 h, HeartbeatSeconds 60 (the worker beats every 10 s), and a Retry
  // when the worker is lost (the archive key is derived from the request, so a second attempt overwrites the first).
  // An object rewritten while it was read gives a torn archive; a second attempt reads a consistent one.
  retry: [{ errors: ['ZipArchive.SourceChanged'], maxAttempts: 2, intervalSeconds: 2 }],
}));

export const mediaArchive = draft.start(archiveMedia);
