import {
  type AwsClients,
  type Logger,
  createAwsClients,
  defaultLogger,
  readAwsConfig,
  regionInUse,
} from '../aws/index.ts';
import { applyRemovals } from './apply-removals.ts';
import { applyResources, applyStateMachine } from './apply.ts';
import { type Deployment, buildDeployment, previousActivityArns, writeDeployment } from './deployment-file.ts';
import { desiredState, readDefinitions } from './desired-state.ts';
import { readManifest } from './manifest.ts';
import { observeState } from './observe.ts';
import { checkPrefix } from './physical-names.ts';
import type { PlaceholderValues } from './placeholders.ts';
import { type PlannedAction, planRemovals, planResources, planStateMachine } from './plan.ts';
import { resolveRoleArn } from './role.ts';

export interface DeployOptions {
  /** The generator's output folder (default `build`). */
  readonly buildDir: string;
  readonly prefix?: string;
  /** `--role-arn`; falls back to STEPFORGE_ROLE_ARN, then the LocalStack placeholder. */
  readonly roleArn?: string;
  /**
   * `--prune-data`: also delete owned queues, and owned empty buckets, that the build no longer has. Without it they
   * are retained and reported (state machines and activities are always pruned).
   */
  readonly pruneData?: boolean;
  /** Clients to use; by default built from the environment (AWS_ENDPOINT_URL etc.). */
  readonly clients?: AwsClients;
  readonly logger?: Logger;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface DeployResult {
  readonly actions: readonly PlannedAction[];
  readonly deployment: Deployment;
  readonly deploymentPath: string;
}

/**
 * Makes the account match the build folder. Everything checkable without the account (manifest, ASL files,
 * placeholders, names, role) is checked before the first write, so a bad build creates nothing.
 */
export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const env = options.env ?? globalThis.process?.env ?? {};
  const clients = options.clients ?? createAwsClients(readAwsConfig(env));
  const logger = (options.logger ?? defaultLogger()).child({ component: 'deploy' });
  const prefix = checkPrefix(options.prefix ?? '');
  const roleArn = resolveRoleArn({
    flag: options.roleArn,
    env: env.STEPFORGE_ROLE_ARN,
    endpoint: clients.config.endpoint,
  });

  const manifest = await readManifest(options.buildDir);
  const definitions = await readDefinitions(options.buildDir, manifest);
  const desired = desiredState(manifest, definitions, { prefix, roleArn, buildDir: options.buildDir });

  const target = {
    endpoint: clients.config.endpoint ? clients.config.endpoint.toString().replace(/\/$/, '') : null,
    region: await regionInUse(clients),
    prefix,
  };
  const observed = await observeState(clients, desired, {
    previousActivities: await previousActivityArns(options.buildDir, target),
  });
  const resourcePlan = planResources(desired, observed);
  const removals = planRemovals(observed.leftovers, { prefix, pruneData: options.pruneData ?? false });
  logger.debug('planned resources', {
    actions: [...resourcePlan, ...removals].map(({ resource, physicalName, change }) => ({
      resource,
      physicalName,
      change,
    })),
  });
  const deployed = await applyResources(clients, resourcePlan);

  const stateMachineArns = new Map<string, string>();
  const values: PlaceholderValues = {
    activity: deployed.activities,
    queue: new Map([...deployed.queues].map(([name, queue]) => [name, queue.url])),
    queueArn: new Map([...deployed.queues].map(([name, queue]) => [name, queue.arn])),
    bucket: deployed.buckets,
    stateMachine: stateMachineArns,
  };
  const machinePlan = [];
  // In dependency order, so a machine that starts another sees that one's ARN.
  for (const machine of desired.stateMachines) {
    const action = planStateMachine(machine, observed.stateMachines.get(machine.physicalName), values);
    stateMachineArns.set(machine.name, await applyStateMachine(clients, action));
    machinePlan.push(action);
  }

  // After the new machines are in place, so nothing deleted is still needed by one of them.
  await applyRemovals(clients, removals);

  const actions: PlannedAction[] = [...resourcePlan, ...machinePlan, ...removals];
  // Debug only: callers print formatReport, the user-facing account of each change.
  for (const action of actions) {
    if (action.change !== 'unchanged') {
      logger.debug(`${action.change} ${action.resource}`, {
        name: action.physicalName,
        differences: action.differences,
      });
    }
  }
  const deployment = buildDeployment(manifest, deployed, stateMachineArns, target);
  const deploymentPath = await writeDeployment(options.buildDir, deployment);
  return { actions, deployment, deploymentPath };
}
