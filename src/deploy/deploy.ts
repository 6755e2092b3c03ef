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
import { type DesiredState, desiredState, readDefinitions } from './desired-state.ts';
import { readManifest } from './manifest.ts';
import { observeState } from './observe.ts';
import type { ObservedState } from './observed-state.ts';
import { checkPrefix } from './physical-names.ts';
import type { PlaceholderValues } from './placeholders.ts';
import {
  type PlannedAction,
  type PlannedRemoval,
  type PlannedResource,
  planRemovals,
  planResources,
  planStateMachine,
} from './plan.ts';
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
  /** Called as each resource is created, updated, deleted, or found unchanged: progress for people. */
  readonly onApplied?: (action: PlannedAction) => void;
}

export interface DeployResult {
  readonly actions: readonly PlannedAction[];
  readonly deployment: Deployment;
  readonly deploymentPath: string;
}

interface Prepared {
  readonly clients: AwsClients;
  readonly logger: Logger;
  readonly manifest: Awaited<ReturnType<typeof readManifest>>;
  readonly desired: DesiredState;
  readonly observed: ObservedState;
  readonly target: Parameters<typeof buildDeployment>[3];
  readonly resourcePlan: readonly PlannedResource[];
  readonly removals: readonly PlannedRemoval[];
}

/**
 * Everything checkable without writing (manifest, ASL files, placeholders, names, role), then the account read and
 * the resources planned: shared by deploy and its dry run.
 */
async function prepare(options: DeployOptions): Promise<Prepared> {
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
  return { clients, logger, manifest, desired, observed, target, resourcePlan, removals };
}

/**
 * Makes the account match the build folder. Everything checkable without the account (manifest, ASL files,
 * placeholders, names, role) is checked before the first write, so a bad build creates nothing.
 */
export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const { clients, logger, manifest, desired, observed, target, resourcePlan, removals } = await prepare(options);
  const onApplied = options.onApplied ?? (() => {});
  const deployed = await applyResources(clients, resourcePlan, onApplied);

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
    onApplied(action);
  }

  // After the new machines are in place, so nothing deleted is still needed by one of them.
  await applyRemovals(clients, removals, onApplied);

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

/** What a resource deploy would create is only addressable after it exists; the dry run names it instead. */
const pending = (resource: string, name: string) => `<${resource} ${name}, known once created>`;

/**
 * `deploy --dry-run`: the same reads and plan as deploy, and no write at all (not even deployment.json). A state
 * machine that refers to a resource still to be created shows as changed, as it would be.
 */
export async function planDeployment(options: DeployOptions): Promise<{ readonly actions: readonly PlannedAction[] }> {
  const { desired, observed, resourcePlan, removals } = await prepare(options);
  const [bucket, queue, queueArn, activity, stateMachine] = [0, 1, 2, 3, 4].map(() => new Map<string, string>()) as [
    Map<string, string>,
    Map<string, string>,
    Map<string, string>,
    Map<string, string>,
    Map<string, string>,
  ];
  for (const action of resourcePlan) {
    if (action.resource === 'bucket') bucket.set(action.name, action.physicalName);
    else if (action.resource === 'activity')
      activity.set(action.name, action.arn ?? pending('activity', action.physicalName));
    else {
      queue.set(action.name, action.observed?.url ?? pending('queue URL', action.physicalName));
      queueArn.set(action.name, action.observed?.arn ?? pending('queue ARN', action.physicalName));
    }
  }
  const values: PlaceholderValues = { activity, queue, queueArn, bucket, stateMachine };
  const machinePlan = desired.stateMachines.map((machine) => {
    const action = planStateMachine(machine, observed.stateMachines.get(machine.physicalName), values);
    stateMachine.set(machine.name, action.arn ?? pending('state machine', machine.physicalName));
    return action;
  });
  return { actions: [...resourcePlan, ...machinePlan, ...removals] };
}
