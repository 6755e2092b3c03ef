export { ConfigError } from './config-error.ts';
export * from './env.ts';
export { type AwsConfig, readAwsConfig } from './config.ts';
export {
  ACTIVITY_POLL_TIMEOUT_MS,
  type AwsClients,
  createAwsClients,
  createS3Client,
  createSfnClient,
  createSqsClient,
  regionInUse,
} from './clients.ts';
export { isLocalEndpoint, LOCAL_TEST_CREDENTIALS, localEndpointCredentials } from './credentials.ts';
export { profileRegion } from './region.ts';
export * from './logger.ts';
