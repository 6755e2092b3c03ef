import {
  type SFNClient,
  StartSyncExecutionCommand,
  type StartSyncExecutionCommandInput,
  type StartSyncExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
// Types only (erased at run time): @smithy/types comes with every AWS SDK client.
import type { BuildMiddleware } from '@smithy/types';

const SYNC_HOST_PREFIX = 'sync-';

/**
 * StartSyncExecution (EXPRESS workflows: runs to the end and returns the result). On AWS the SDK sends it to
 * `sync-states.<region>.amazonaws.com`; a custom endpoint such as LocalStack serves every operation on one host, where
 * `sync-127.0.0.1` would not even resolve, so the prefix is taken off again there.
 */
export function startSyncExecution(
  client: SFNClient,
  input: StartSyncExecutionCommandInput,
  options: { readonly abortSignal?: AbortSignal } = {},
): Promise<StartSyncExecutionCommandOutput> {
  const command = new StartSyncExecutionCommand(input);
  if (client.config.isCustomEndpoint) {
    const dropHostPrefix: BuildMiddleware<StartSyncExecutionCommandInput, StartSyncExecutionCommandOutput> =
      (next) => (args) => {
        const request = args.request as { hostname?: string };
        if (request.hostname?.startsWith(SYNC_HOST_PREFIX))
          request.hostname = request.hostname.slice(SYNC_HOST_PREFIX.length);
        return next(args);
      };
    command.middlewareStack.add(dropHostPrefix, { step: 'build', name: 'stepforgeNoSyncHostPrefix' });
  }
  return client.send(command, options);
}
