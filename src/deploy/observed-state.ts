import type { WorkflowType } from './manifest.ts';
import type { Tags } from './ownership.ts';
import type { ResourceKind } from './physical-names.ts';

/**
 * What the account holds now, keyed by physical name: the resources the desired state names, and the leftovers
 * (resources this deploy provably owns that the desired state no longer names).
 */
export interface ObservedState {
  readonly buckets: ReadonlyMap<string, ObservedBucket>;
  readonly queues: ReadonlyMap<string, ObservedQueue>;
  readonly activities: ReadonlyMap<string, ObservedActivity>;
  readonly stateMachines: ReadonlyMap<string, ObservedStateMachine>;
  readonly leftovers: readonly Leftover[];
}

export interface ObservedBucket {
  readonly tags: Tags;
}

export interface ObservedQueue {
  readonly url: string;
  readonly arn: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly tags: Tags;
}

export interface ObservedActivity {
  readonly arn: string;
  /** Undefined where the service cannot tag activities (LocalStack: see ownership in src/deploy/README.md). */
  readonly tags: Tags | undefined;
}

export interface ObservedStateMachine {
  readonly arn: string;
  /** The definition text as the service returns it. */
  readonly definition: string;
  readonly roleArn: string;
  readonly type: WorkflowType;
  readonly tags: Tags;
}

/** An owned resource the build no longer has. */
export interface Leftover {
  readonly resource: ResourceKind;
  readonly physicalName: string;
  /** What the delete call takes: ARN (state machine, activity), URL (queue) or name (bucket). */
  readonly address: string;
  /** Buckets only: whether it holds no object (no version, no delete marker). */
  readonly empty?: boolean;
}
