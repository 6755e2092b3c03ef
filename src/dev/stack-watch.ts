import type { Logger } from '../aws/index.ts';
import type { Deployment } from '../deploy/index.ts';
import { type DeploymentProbe, describeProbe } from '../server/index.ts';
import type { DevLocalStack } from './owned-local-stack.ts';

export interface StackWatchOptions {
  readonly intervalMs: number;
  readonly logger: Logger;
  readonly localStack: DevLocalStack;
  /** The last successful deploy's record; nothing is checked before there is one. */
  readonly deployment: () => Deployment | undefined;
  /** True while a redeploy runs: its own changes are not a fault. */
  readonly busy: () => boolean;
  readonly probe: (stateMachines: Readonly<Record<string, string>>) => Promise<DeploymentProbe>;
  /** Redeploys and restarts the workers. */
  readonly recover: (why: string) => Promise<void>;
}

/**
 * Every `intervalMs`, one cheap look at the stack: is the LocalStack this loop started still alive (else start it
 * again), and do the deployed state machines still exist at the endpoint (else redeploy: a LocalStack that restarted
 * came back empty). An endpoint that does not answer is reported once and watched until it does. Returns `stop`.
 */
export function watchStack(options: StackWatchOptions): () => void {
  const { logger, localStack } = options;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unanswered = false;

  const look = async (): Promise<void> => {
    if (options.busy()) return;
    if (await localStack.reviveIfGone()) {
      unanswered = false;
      await options.recover('LocalStack restarted');
      return;
    }
    const deployment = options.deployment();
    if (!deployment) return;
    const probe = await options.probe(
      Object.fromEntries(
        Object.entries(deployment.workflows).map(([name, workflow]) => [name, workflow.stateMachineArn]),
      ),
    );
    if (stopped || options.busy()) return;
    if (probe.ok) {
      if (unanswered) logger.info(`LocalStack at ${localStack.endpoint} answers again and the deployment is there`);
      unanswered = false;
    } else if (probe.reason === 'missing') {
      unanswered = false;
      logger.warn(`${describeProbe(probe, localStack.endpoint)}; redeploying`);
      await options.recover('deployment missing');
    } else if (!unanswered) {
      unanswered = true;
      logger.warn(
        `${describeProbe(probe, localStack.endpoint)}; watching it (checked every ${options.intervalMs / 1000} s)`,
      );
    }
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      look()
        .catch((error: unknown) =>
          logger.error(`checking the stack failed: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(schedule);
    }, options.intervalMs);
  };
  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
