import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { isLocalEndpoint, LOCAL_TEST_CREDENTIALS } from './local-endpoint.ts';

export { isLocalEndpoint, LOCAL_TEST_CREDENTIALS } from './local-endpoint.ts';

/**
 * Credentials for a local endpoint: the SDK's default chain (environment, SSO, `~/.aws` profiles, credential_process,
 * web identity, container and instance roles), and LocalStack's test pair when that chain finds nothing, so a fresh
 * clone works. The fallback is remembered: the chain is not asked again on every request. For any other endpoint
 * this is undefined and the SDK uses its chain itself, errors included.
 */
export function localEndpointCredentials(
  endpoint: URL | undefined,
  chain: AwsCredentialIdentityProvider = defaultProvider(),
): AwsCredentialIdentityProvider | undefined {
  if (!isLocalEndpoint(endpoint)) return undefined;
  let useTestPair = false;
  return async (properties) => {
    if (useTestPair) return LOCAL_TEST_CREDENTIALS;
    try {
      return await chain(properties);
    } catch (error) {
      // By name, not instanceof: the chain may load the CommonJS build of the class and this module the ESM one.
      if ((error as { name?: unknown } | null)?.name !== 'CredentialsProviderError') throw error;
      useTestPair = true;
      return LOCAL_TEST_CREDENTIALS;
    }
  };
}
