// Apart from credentials.ts so that code without the SDK's Node credential chain (the worker) can use it.
import type { AwsCredentialIdentity } from '@smithy/types';

/** The pair LocalStack documents; it accepts any credentials. */
export const LOCAL_TEST_CREDENTIALS: AwsCredentialIdentity = { accessKeyId: 'test', secretAccessKey: 'test' };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', 'localhost.localstack.cloud']);

/** An endpoint on this machine (LocalStack), where no real credentials are needed. */
export function isLocalEndpoint(endpoint: URL | undefined): boolean {
  return endpoint !== undefined && LOCAL_HOSTS.has(endpoint.hostname);
}
