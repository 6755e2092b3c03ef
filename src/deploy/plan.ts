import { DeployError } from './deploy-error.ts';
import type { DesiredQueue, DesiredResource, DesiredState, DesiredStateMachine } from './desired-state.ts';
import type { ObservedQueue, ObservedState, ObservedStateMachine } from './observed-state.ts';
import { type PlaceholderValues, substitutePlaceholders } from './placeholders.ts';

/**
 * Pure planning: desired vs observed -> one action per resource. Apply only executes what the plan says, so what a
 * deploy will do (and that a second deploy does nothing) is decided here and unit-tested without an account.
 */
export type Change = 'create' | 'update' | 'unchanged';

interface PlannedBase {
  readonly name: string;
  readonly physicalName: string;
  readonly change: Change;
  /** What differs, for `update` (attribute names, `definition`, `roleArn`). */
  readonly differences: readonly string[];
}

export interface PlannedBucket extends PlannedBase {
  readonly resource: 'bucket';
}

export interface PlannedActivity extends PlannedBase {
  readonly resource: 'activity';
  /** Known when it exists already. */
  readonly arn?: string;
}

export interface PlannedQueue extends PlannedBase {
  readonly resource: 'queue';
  readonly queue: DesiredQueue;
  readonly observed?: ObservedQueue;
}

export interface PlannedStateMachine extends PlannedBase {
  readonly resource: 'state machine';
  readonly type: DesiredStateMachine['type'];
  readonly roleArn: string;
  /** The definition with placeholders substituted, as sent to Step Functions. */
  readonly definition: string;
  readonly arn?: string;
}

export type PlannedResource = PlannedBucket | PlannedActivity | PlannedQueue;
export type PlannedAction = PlannedResource | PlannedStateMachine;

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
      targetName: String(parsed.deadLetterTargetArn ?? '').split(':').pop() ?? '',
      maxReceiveCount: Number(parsed.maxReceiveCount),
    };
  } catch {
    return undefined;
  }
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
  return differences;
}

function planQueue(queue: DesiredQueue, observed: ObservedQueue | undefined): PlannedQueue {
  const base = { resource: 'queue' as const, name: queue.name, physicalName: queue.physicalName, queue };
  if (!observed) return { ...base, change: 'create', differences: [] };
  const isFifo = normaliseAttribute(observed.attributes.FifoQueue ?? 'false') === 'true';
  if (isFifo !== queue.fifo) {
    throw new DeployError(`queue ${queue.physicalName} exists as ${isFifo ? 'FIFO' : 'standard'} queue; SQS cannot change that, delete it first`);
  }
  const differences = queueDifferences(queue, observed);
  return { ...base, observed, change: differences.length ? 'update' : 'unchanged', differences };
}

function planPresence<R extends 'bucket' | 'activity'>(resource: R, desired: DesiredResource, exists: boolean) {
  return {
    resource,
    name: desired.name,
    physicalName: desired.physicalName,
    change: exists ? ('unchanged' as const) : ('create' as const),
    differences: [],
  };
}

/** Buckets, queues (DLQs first) and activities; state machines are planned once their ARNs are known. */
export function planResources(desired: DesiredState, observed: ObservedState): PlannedResource[] {
  return [
    ...desired.buckets.map((bucket): PlannedBucket => planPresence('bucket', bucket, observed.buckets.has(bucket.physicalName))),
    ...desired.queues.map((queue) => planQueue(queue, observed.queues.get(queue.physicalName))),
    ...desired.activities.map((activity): PlannedActivity => {
      const arn = observed.activities.get(activity.physicalName);
      return { ...planPresence('activity', activity, arn !== undefined), ...(arn ? { arn } : {}) };
    }),
  ];
}

/** Key order does not matter to Step Functions, so definitions are compared as canonical JSON. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sameDefinition(observedText: string, desired: unknown): boolean {
  try {
    return canonicalJson(JSON.parse(observedText)) === canonicalJson(desired);
  } catch {
    return false;
  }
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
    ...(sameDefinition(observed.definition, resolved) ? [] : ['definition']),
    ...(observed.roleArn === machine.roleArn ? [] : ['roleArn']),
  ];
  return { ...base, arn: observed.arn, change: differences.length ? 'update' : 'unchanged', differences };
}
