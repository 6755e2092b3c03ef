import type { WorkflowType } from './manifest.ts';

/** What the account holds now, keyed by physical name; only the resources the desired state names are looked up. */
export interface ObservedState {
  readonly buckets: ReadonlySet<string>;
  readonly queues: ReadonlyMap<string, ObservedQueue>;
  /** Physical name -> ARN. */
  readonly activities: ReadonlyMap<string, string>;
  readonly stateMachines: ReadonlyMap<string, ObservedStateMachine>;
}

export interface ObservedQueue {
  readonly url: string;
  readonly arn: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface ObservedStateMachine {
  readonly arn: string;
  /** The definition text as the service returns it. */
  readonly definition: string;
  readonly roleArn: string;
  readonly type: WorkflowType;
}
