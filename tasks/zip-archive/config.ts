import {
  ConfigError,
  type Env,
  commaList,
  optionalInteger,
  optionalString,
  optionalUrl,
  requiredString,
} from '../../src/aws/index.ts';

/** The archiver's environment, read once and checked as a whole so a worker with a bad one exits before taking work. */
export interface ZipArchiveConfig {
  /** `ARCHIVE_BASE_URL` without a trailing slash; the link is this + `/` + key. */
  readonly archiveBaseUrl: string;
  /** `SQS_DESTINATION_QUEUE`: where notifications go; none are sent when unset. */
  readonly destinationQueueUrl: string | undefined;
  /** `SQS_SOURCE_QUEUE`: only the `--from-queue` mode needs it. */
  readonly sourceQueueUrl: string | undefined;
  readonly destinationBucket: string;
  readonly sourceBucket: string;
  /** `S3_FILE_PREFIX`, default `download`. */
  readonly filePrefix: string;
  /** `S3_SOURCE_BUCKET` plus `ALLOWED_SOURCE_BUCKETS`. */
  readonly allowedSourceBuckets: ReadonlySet<string>;
  /** `ZIP_COMPRESSION_LEVEL` 0-9; undefined means entries are stored. */
  readonly compressionLevel: number | undefined;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// The prefix becomes part of an S3 key and of a URL; keeping it to URL-safe characters means neither needs escaping.
const FILE_PREFIX = /^[A-Za-z0-9._-]{1,100}$/;

export function isBucketName(value: string): boolean {
  return BUCKET_NAME.test(value);
}

function bucket(env: Env, name: string): string {
  const value = requiredString(env, name);
  if (!isBucketName(value)) throw new ConfigError(name, `is not a valid S3 bucket name: "${value}"`);
  return value;
}

function queueUrl(env: Env, name: string): string | undefined {
  return optionalUrl(env, name)?.toString();
}

export function readZipArchiveConfig(env: Env, options: { requireSourceQueue?: boolean } = {}): ZipArchiveConfig {
  const archiveBaseUrl = optionalUrl(env, 'ARCHIVE_BASE_URL');
  if (archiveBaseUrl === undefined) throw new ConfigError('ARCHIVE_BASE_URL', 'is required but not set');
  const sourceQueueUrl = queueUrl(env, 'SQS_SOURCE_QUEUE');
  if (options.requireSourceQueue && sourceQueueUrl === undefined) {
    throw new ConfigError('SQS_SOURCE_QUEUE', 'is required by --from-queue but not set');
  }
  const sourceBucket = bucket(env, 'S3_SOURCE_BUCKET');
  const extraBuckets = commaList(env, 'ALLOWED_SOURCE_BUCKETS');
  for (const name of extraBuckets) {
    if (!isBucketName(name)) throw new ConfigError('ALLOWED_SOURCE_BUCKETS', `"${name}" is not a valid S3 bucket name`);
  }
  const filePrefix = optionalString(env, 'S3_FILE_PREFIX') ?? 'download';
  if (!FILE_PREFIX.test(filePrefix)) {
    throw new ConfigError(
      'S3_FILE_PREFIX',
      `may hold only letters, digits, ".", "_" and "-" (1-100), got "${filePrefix}"`,
    );
  }
  return {
    archiveBaseUrl: env.ARCHIVE_BASE_URL!.trim().replace(/\/+$/, ''),
    destinationQueueUrl: queueUrl(env, 'SQS_DESTINATION_QUEUE'),
    sourceQueueUrl,
    destinationBucket: bucket(env, 'S3_DESTINATION_BUCKET'),
    sourceBucket,
    filePrefix,
    allowedSourceBuckets: new Set([sourceBucket, ...extraBuckets]),
    compressionLevel: optionalInteger(env, 'ZIP_COMPRESSION_LEVEL', { min: 0, max: 9 }),
  };
}
