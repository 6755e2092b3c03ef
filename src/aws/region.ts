import { loadConfig } from '@smithy/core/config';
import type { Provider } from '@smithy/types';

/**
 * The `region` of the AWS profile in use (`AWS_PROFILE`, else `default`, in `~/.aws/config` or `AWS_CONFIG_FILE`),
 * read by the SDK's own loader; `fallback` when the profile names none. The environment is not read here: the
 * caller has already looked at AWS_REGION and AWS_DEFAULT_REGION.
 */
export function profileRegion(fallback: string, profile?: string): Provider<string> {
  return loadConfig<string>(
    {
      environmentVariableSelector: () => undefined,
      configFileSelector: (section) => section.region,
      default: fallback,
    },
    profile ? { profile } : {},
  );
}
