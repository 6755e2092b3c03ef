import { compareCodeUnits, sameJson } from '../contracts/index.ts';
import { DeployError } from './deploy-error.ts';
import type { DesiredQueue, DesiredResource, DesiredState, DesiredStateMachine } from './desired-state.ts';
import type { Leftover, ObservedQueue, ObservedState, ObservedStateMachine } from './observed-state.ts';
import type { Tags } from './ownership.ts';
import type { ResourceKind } from './physical-names.ts';
import { type PlaceholderValues, substitutePlaceholders } from './placeholders.ts';

/**
 * Pure planning: desired vs observed -> one action per resource. Apply only executes what the plan says, so what a
 * deploy will do (and that a second deploy does nothing) is decided here and unit-tested without an account.
 */
export type Change = 'create' | 'update' | 'unchanged' | 'delete' | 'retain';

interface PlannedBase {
  readonly name: string;
  readonly physicalName: string;
  readonly change: Change;
  /** What differs, for `update` (attribute names, `definition`, `roleArn`, `tags`). */
  readonly differences: readonly string[];
}

interface PlannedKeep extends PlannedBase {
  readonly change: 'create' | 'update' | 'unchanged';
  /** The ownership tags it is created with, or adopted by (`tags` among the differences). */
  readonly tags: Tags;
}

export interface PlannedBucket extends PlannedKeep {
  readonly resource: 'bucket';
}

export interface PlannedActivity extends PlannedKeep {
  readonly resource: 'activity';
  /** Known when it exists already. */
  readonly arn?: string;
}

export interface PlannedQueue extends PlannedKeep {
  readonly resource: 'queue';
  readonly queue: DesiredQueue;
  readonly observed?: ObservedQueue;
}

export interface PlannedStateMachine extends PlannedKeep {
  readonly resource: 'state machine';
  readonly type: DesiredStateMachine['type'];
  readonly roleArn: string;
  /** The definition with placeholders substituted, as sent to Step Functions. */
  readonly definition: string;
  readonly arn?: string;
}

/** An owned resource the build no longer has: deleted, or retained because it may hold data. */
export interface PlannedRemoval extends PlannedBase {
  readonly resource: ResourceKind;
  readonly change: 'delete' | 'retain';
  readonly address: string;
  /** Why a resource is retained, for the report. */
  readonly reason?: string;
}

export type PlannedResource = PlannedBucket | PlannedActivity | PlannedQueue;
export type PlannedAction = PlannedResource | PlannedStateMachine | PlannedRemoval;

/** SQS answers booleans in lowercase and numbers as strings; compare what it would store. */
function normaliseAttribute(value: string): string {
  return /^(true|false)$/i.test(value) ? value.toLowerCase() : value.trim();
}

interface RedriveView {
  readonly targetName: string;
  readonly maxReceiveCount: number;
}

function observedRedrive(policy: string | undefined): RedriveView | undefined {
  if (!policy) return undefined;
  try {
    const parsed = JSON.parse(policy) as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
    return {
      // The DLQ is compared by name: its ARN is account/region + name, and a new DLQ's ARN is unknown until created.
      targetName:
        String(parsed.deadLetterTargetArn ?? '')
          .split(':')
          .pop() ?? '',
      maxReceiveCount: Number(parsed.maxReceiveCount),
    };
  } catch {
    return undefined;
  }
}

/** `tags` when the resource exists without our ownership tags (undefined: the service cannot tag it). */
function tagDifferences(wanted: Tags, observed: Tags | undefined): string[] {
  return observed !== undefined && Object.entries(wanted).some(([key, value]) => observed[key] !== value)
    ? ['tags']
    : [];
}

export function queueDifferences(queue: DesiredQueue, observed: ObservedQueue): string[] {
  const differences = Object.entries(queue.attributes)
    .filter(([name]) => name !== 'FifoQueue')
    .filter(([name, value]) => normaliseAttribute(observed.attributes[name] ?? '') !== normaliseAttribute(value))
    .map(([name]) => name);
  const current = observedRedrive(observed.attributes.RedrivePolicy);
  const wanted = queue.redrive;
  const redriveDiffers = wanted
    ? current?.targetName !== wanted.dlqPhysicalName || current.maxReceiveCount !== wanted.maxReceiveCount
    : current !== undefined;
  if (redriveDiffers) differences.push('RedrivePolicy');
  return [...differences, ...tagDifferences(queue.tags, observed.tags)];
}

function planQueue(queue: DesiredQueue, observed: ObservedQueue | undefined): PlannedQueue {
  const base = {
    resource: 'queue' as const,
    name: queue.name,
    physicalName: queue.physicalName,
    tags: queue.tags,
    queue,
  };
  if (!observed) return { ...base, change: 'create', differences: [] };
  const isFifo = normaliseAttribute(observed.attributes.FifoQueue ?? 'false') === 'true';
  if (isFifo !== queue.fifo) {
    throw new DeployError(
      `queue ${queue.physicalName} exists as ${isFifo ? 'FIFO' : 'standard'} queue; SQS cannot change that, delete it first`,
    );
  }
  const differences = queueDifferences(queue, observed);
  return { ...base, observed, change: differences.length ? 'update' : 'unchanged', differences };
}

function planPresence<R extends 'bucket' | 'activity'>(
  resource: R,
  desired: DesiredResource,
  observedTags: Tags | undefined,
  exists: boolean,
) {
  const differences = exists ? tagDifferences(desired.tags, observedTags) : [];
  return {
    resource,
    name: desired.name,
    physicalName: desired.physicalName,
    tags: desired.tags,
    change: !exists ? ('create' as const) : differences.length ? ('update' as const) : ('unchanged' as const),
    differences,
  };
}

/** Buckets, queues (DLQs first) and activities; state machines are planned once their ARNs are known. */
export function planResources(desired: DesiredState, observed: ObservedState): PlannedResource[] {
  return [
    ...desired.buckets.map((bucket): PlannedBucket => {
      const found = observed.buckets.get(bucket.physicalName);
      return planPresence('bucket', bucket, found?.tags, found !== undefined);
    }),
    ...desired.queues.map((queue) => planQueue(queue, observed.queues.get(queue.physicalName))),
    ...desired.activities.map((activity): PlannedActivity => {
      const found = observed.activities.get(activity.physicalName);
      return {
        ...planPresence('activity', activity, found?.tags, found !== undefined),
        ...(found ? { arn: found.arn } : {}),
      };
    }),
  ];
}

const REMOVAL_ORDER: readonly ResourceKind[] = ['state machine', 'activity', 'queue', 'bucket'];

/**
 * What happens to owned resources the build no longer has. State machines and activities hold no data and are
 * deleted. Queues and buckets may: retained unless `pruneData`, and even then a bucket holding objects is retained
 * (deploy never empties one). State machines go first, so nothing still running points at a removed activity.
 */
export function planRemovals(
  leftovers: readonly Leftover[],
  options: { readonly prefix: string; readonly pruneData: boolean },
): PlannedRemoval[] {
  const plan = (leftover: Leftover): PlannedRemoval => {
    const base = {
      resource: leftover.resource,
      name: leftover.physicalName.slice(options.prefix.length),
      physicalName: leftover.physicalName,
      address: leftover.address,
      differences: [],
    };
    if (leftover.resource === 'state machine' || leftover.resource === 'activity') return { ...base, change: 'delete' };
    if (!options.pruneData)
      return {
        ...base,
        change: 'retain',
        reason: `may hold data; --prune-data deletes ${leftover.resource === 'bucket' ? 'it when empty' : 'it'}`,
      };
    if (leftover.resource === 'bucket' && !leftover.empty)
      return { ...base, change: 'retain', reason: 'not empty; deploy never empties a bucket' };
    return { ...base, change: 'delete' };
  };
  const rank = (removal: PlannedRemoval) => REMOVAL_ORDER.indexOf(removal.resource);
  return leftovers.map(plan).sort((a, b) => rank(a) - rank(b) || compareCodeUnits(a.physicalName, b.physicalName));
}

/** One state machine, with every placeholder resolved from the resources deployed before it. */
export function planStateMachine(
  machine: DesiredStateMachine,
  observed: ObservedStateMachine | undefined,
  values: PlaceholderValues,
): PlannedStateMachine {
  const resolved = substitutePlaceholders(machine.definition, machine.source, values);
  const base = {
    resource: 'state machine' as const,
    name: machine.name,
    physicalName: machine.physicalName,
    tags: machine.tags,
    type: machine.type,
    roleArn: machine.roleArn,
    definition: `${JSON.stringify(resolved, null, 2)}\n`,
  };
  if (!observed) return { ...base, change: 'create', differences: [] };
  if (observed.type !== machine.type) {
    throw new DeployError(
      `state machine ${machine.physicalName} exists as ${observed.type}, the manifest wants ${machine.type}; Step Functions cannot change the type, delete it first`,
    );
  }
  const differences = [
    // Key order does not matter to Step Functions, so definitions are compared as canonical JSON.
    ...(sameJson(observed.definition, resolved) ? [] : ['definition']),
    ...(observed.roleArn === machine.roleArn ? [] : ['roleArn']),
    ...tagDifferences(machine.tags, observed.tags),
  ];
  return { ...base, arn: observed.arn, change: differences.length ? 'update' : 'unchanged', differences };
}
