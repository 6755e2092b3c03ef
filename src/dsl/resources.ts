// Resources a workflow needs deployed, and the account-independent placeholders deploy substitutes
// (docs/internal-contracts.md, "Placeholders in generated ASL").
import type { QueueSpec } from '../contracts/index.ts';
import type { JsonValue } from './asl-types.ts';
import { DEFAULT_MAX_RECEIVE_COUNT, defaultDeadLetterName } from './queue-declaration.ts';

export type { WorkflowResources } from '../contracts/index.ts';

/** Placeholders for account-specific values, replaced at deploy time. Using one declares the resource. */
export const placeholder = {
  activity: (name: string): string => `\${activity:${name}}`,
  queueUrl: (name: string): string => `\${queue:${name}}`,
  queueArn: (name: string): string => `\${queueArn:${name}}`,
  bucket: (name: string): string => `\${bucket:${name}}`,
  stateMachine: (name: string): string => `\${stateMachine:${name}}`,
} as const;

const PLACEHOLDER = /\$\{(activity|queue|queueArn|bucket):([^}]+)\}/g;

/** Every resource a rendered definition names through a placeholder. */
export function scanPlaceholders(
  value: JsonValue,
  found: { activities: Set<string>; queues: Set<string>; buckets: Set<string> },
): void {
  if (typeof value === 'string') {
    for (const [, kind, name] of value.matchAll(PLACEHOLDER)) {
      if (kind === 'activity') found.activities.add(name);
      else if (kind === 'bucket') found.buckets.add(name);
      else found.queues.add(name);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) scanPlaceholders(item, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) scanPlaceholders(item, found);
  }
}

/** The standard dispatch queue of a task container gets a DLQ; other queues are plain unless declared otherwise. */
export function taskQueueSpec(name: string): QueueSpec {
  return { name, fifo: false, dlq: { name: defaultDeadLetterName(name), maxReceiveCount: DEFAULT_MAX_RECEIVE_COUNT } };
}
