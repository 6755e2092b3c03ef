import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider, Provider } from '@smithy/types';
import { type AwsConfig, readAwsConfig } from './config.ts';
import { localEndpointCredentials } from './credentials.ts';
import { profileRegion } from './region.ts';

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

/** Region and credentials, resolved once for all the clients made together (the SDK memoizes both). */
interface Identity {
  readonly region: string | Provider<string>;
  readonly credentials: AwsCredentialIdentityProvider | undefined;
}

/**
 * The region: AWS_REGION / AWS_DEFAULT_REGION, else the AWS profile's, else us-east-1. The credentials: the SDK's
 * default chain, with LocalStack's test pair as the fallback on a local endpoint only.
 */
function identityFor(config: AwsConfig): Identity {
  return {
    region: config.regionIsDefault ? profileRegion(config.region) : config.region,
    credentials: localEndpointCredentials(config.endpoint),
  };
}

function baseOptions(config: AwsConfig, options: ClientOptions, identity: Identity = identityFor(config)) {
  return {
    region: identity.region,
    ...(config.endpoint ? { endpoint: config.endpoint.toString().replace(/\/$/, '') } : {}),
    ...(identity.credentials ? { credentials: identity.credentials } : {}),
    requestHandler: new NodeHttpHandler({
      httpAgent: { maxSockets: options.maxSockets ?? 50, keepAlive: true },
      httpsAgent: { maxSockets: options.maxSockets ?? 50, keepAlive: true },
      // The SDK only logs a warning when requestTimeout passes, unless told to throw: the request would wait for ever.
      ...(options.requestTimeoutMs ? { requestTimeout: options.requestTimeoutMs, throwOnRequestTimeout: true } : {}),
    }),
  };
}

export function createS3Client(
  config: AwsConfig = readAwsConfig(),
  options: ClientOptions = {},
  identity?: Identity,
): S3Client {
  return new S3Client({ ...baseOptions(config, options, identity), forcePathStyle: config.forcePathStyle });
}

export function createSqsClient(
  config: AwsConfig = readAwsConfig(),
  options: ClientOptions = {},
  identity?: Identity,
): SQSClient {
  return new SQSClient(baseOptions(config, options, identity));
}

export function createSfnClient(
  config: AwsConfig = readAwsConfig(),
  options: ClientOptions = {},
  identity?: Identity,
): SFNClient {
  return new SFNClient(baseOptions(config, options, identity));
}

/** All three clients from one configuration; the usual entry point for workers, server and deploy. */
export function createAwsClients(config: AwsConfig = readAwsConfig(), options: ClientOptions = {}): AwsClients {
  const identity = identityFor(config);
  return {
    s3: createS3Client(config, options, identity),
    sqs: createSqsClient(config, options, identity),
    sfn: createSfnClient(config, options, identity),
    config,
  };
}

/** The region the clients actually use: the configured one, or the profile's when no variable named one. */
export function regionInUse(clients: Pick<AwsClients, 'sfn'>): Promise<string> {
  return clients.sfn.config.region();
}
