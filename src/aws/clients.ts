import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { type AwsConfig, readAwsConfig } from './config.ts';

/**
 * Step Functions' GetActivityTask holds a request for up to 60 s and may hand a task to a poll whose client has given
 * up (lost until the state's timeout), so a poller waits longer than that; past it the poll fails and is sent again.
 */
export const ACTIVITY_POLL_TIMEOUT_MS = 70_000;

export interface AwsClients {
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly sfn: SFNClient;
  readonly config: AwsConfig;
}

interface ClientOptions {
  /** Sockets kept per client; raise it for workers that run many requests at once. */
  readonly maxSockets?: number;
  /** Per-request deadline (the request fails with TimeoutError past it); by default a request may wait for ever. */
  readonly requestTimeoutMs?: number;
}

function baseOptions(config: AwsConfig, options: ClientOptions) {
  return {
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint.toString().replace(/\/$/, '') } : {}),
    // LocalStack accepts any credentials; outside AWS, fall back to its documented test pair so a fresh clone works.
    ...(config.endpoint && !hasCredentialsInEnv() ? { credentials: { accessKeyId: 'test', secretAccessKey: 'test' } } : {}),
    requestHandler: new NodeHttpHandler({
      httpAgent: { maxSockets: options.maxSockets ?? 50, keepAlive: true },
      httpsAgent: { maxSockets: options.maxSockets ?? 50, keepAlive: true },
      // The SDK only logs a warning when requestTimeout passes, unless told to throw: the request would wait for ever.
      ...(options.requestTimeoutMs ? { requestTimeout: options.requestTimeoutMs, throwOnRequestTimeout: true } : {}),
    }),
  };
}

function hasCredentialsInEnv(): boolean {
  const env = globalThis.process?.env ?? {};
  return Boolean(env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE);
}

export function createS3Client(config: AwsConfig = readAwsConfig(), options: ClientOptions = {}): S3Client {
  return new S3Client({ ...baseOptions(config, options), forcePathStyle: config.forcePathStyle });
}

export function createSqsClient(config: AwsConfig = readAwsConfig(), options: ClientOptions = {}): SQSClient {
  return new SQSClient(baseOptions(config, options));
}

export function createSfnClient(config: AwsConfig = readAwsConfig(), options: ClientOptions = {}): SFNClient {
  return new SFNClient(baseOptions(config, options));
}

/** All three clients from one configuration; the usual entry point for workers, server and deploy. */
export function createAwsClients(config: AwsConfig = readAwsConfig(), options: ClientOptions = {}): AwsClients {
  return {
    s3: createS3Client(config, options),
    sqs: createSqsClient(config, options),
    sfn: createSfnClient(config, options),
    config,
  };
}
