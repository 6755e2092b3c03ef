import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeployError } from './deploy-error.ts';
import type { Manifest, WorkflowType } from './manifest.ts';
import { ownershipTags, type Tags } from './ownership.ts';
import { physicalName } from './physical-names.ts';
import { checkPlaceholders, type KnownNames, referencedStateMachines } from './placeholders.ts';

/** What the account should hold after a deploy, in the order resources must be created. */
export interface DesiredState {
  /** The deploy's `--prefix` ("" for none): physical names start with it, and prune looks only under it. */
  readonly prefix: string;
  readonly buckets: readonly DesiredResource[];
  /** Dead-letter queues come before the queues that redrive to them. */
  readonly queues: readonly DesiredQueue[];
  readonly activities: readonly DesiredResource[];
  /** A state machine comes after the ones it starts (`${stateMachine:x}`). */
  readonly stateMachines: readonly DesiredStateMachine[];
}

export interface DesiredResource {
  readonly name: string;
  readonly physicalName: string;
  /** The ownership tags (ownership.ts) it is created with, or adopted by. */
  readonly tags: Tags;
}

export interface DesiredQueue extends DesiredResource {
  readonly fifo: boolean;
  /** Attributes deploy manages; others are left as the account has them. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly redrive?: { readonly dlqName: string; readonly dlqPhysicalName: string; readonly maxReceiveCount: number };
  /** The logical name of the queue this one is the DLQ of, if it is one. */
  readonly deadLetterQueueOf?: string;
}

export interface DesiredStateMachine extends DesiredResource {
  readonly type: WorkflowType;
  readonly roleArn: string;
  /** The parsed ASL, placeholders still in. */
  readonly definition: unknown;
  /** Where the ASL came from, for error messages. */
  readonly source: string;
}

/** Messages wait in a DLQ for someone to look at them: keep them as long as SQS allows (14 days). */
const DLQ_RETENTION_SECONDS = '1209600';

/** Reads every workflow's ASL file; a missing or unparsable one is named. */
export async function readDefinitions(buildDir: string, manifest: Manifest): Promise<Map<string, unknown>> {
  const definitions = new Map<string, unknown>();
  for (const workflow of manifest.workflows) {
    const path = join(buildDir, workflow.asl);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new DeployError(
          `${path} (asl of workflow "${workflow.name}") not found: run \`stepforge generate\` again`,
        );
      }
      throw error;
    }
    try {
      definitions.set(workflow.name, JSON.parse(text));
    } catch (error) {
      throw new DeployError(`${path} is not valid JSON: ${(error as Error).message}`);
    }
  }
  return definitions;
}

function knownNames(manifest: Manifest): KnownNames {
  return {
    activity: new Set(manifest.activities),
    queue: new Set(manifest.queues.flatMap((queue) => [queue.name, ...(queue.dlq ? [queue.dlq.name] : [])])),
    queueArn: new Set(),
    bucket: new Set(manifest.buckets),
    stateMachine: new Set(manifest.workflows.map((workflow) => workflow.name)),
  };
}

function desiredQueues(manifest: Manifest, prefix: string): DesiredQueue[] {
  const queues: DesiredQueue[] = [];
  const tags = ownershipTags(prefix);
  for (const queue of manifest.queues) {
    const fifo: Record<string, string> = queue.fifo ? { FifoQueue: 'true' } : {};
    if (queue.dlq) {
      queues.push({
        name: queue.dlq.name,
        physicalName: physicalName('queue', queue.dlq.name, prefix),
        tags,
        fifo: queue.fifo,
        attributes: { ...fifo, MessageRetentionPeriod: DLQ_RETENTION_SECONDS },
        deadLetterQueueOf: queue.name,
      });
    }
    queues.push({
      name: queue.name,
      physicalName: physicalName('queue', queue.name, prefix),
      tags,
      fifo: queue.fifo,
      attributes: { ...fifo, ...queue.attributes },
      ...(queue.dlq
        ? {
            redrive: {
              dlqName: queue.dlq.name,
              dlqPhysicalName: physicalName('queue', queue.dlq.name, prefix),
              maxReceiveCount: queue.dlq.maxReceiveCount,
            },
          }
        : {}),
    });
  }
  return queues;
}

/** Depth-first order so each machine follows the machines it starts; a cycle cannot be deployed and is named. */
function dependencyOrder(machines: readonly DesiredStateMachine[]): DesiredStateMachine[] {
  const byName = new Map(machines.map((machine) => [machine.name, machine]));
  const ordered: DesiredStateMachine[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (machine: DesiredStateMachine, trail: string[]) => {
    if (state.get(machine.name) === 'done') return;
    if (state.get(machine.name) === 'visiting') {
      throw new DeployError(`state machines start each other in a cycle: ${[...trail, machine.name].join(' -> ')}`);
    }
    state.set(machine.name, 'visiting');
    for (const dependency of referencedStateMachines(machine.definition, machine.source)) {
      if (dependency !== machine.name) visit(byName.get(dependency)!, [...trail, machine.name]);
    }
    state.set(machine.name, 'done');
    ordered.push(machine);
  };
  for (const machine of machines) visit(machine, []);
  return ordered;
}

/**
 * The desired state, checked whole before anything is written: names valid with the prefix, every placeholder
 * naming a declared resource, no cycle between state machines.
 */
export function desiredState(
  manifest: Manifest,
  definitions: ReadonlyMap<string, unknown>,
  options: { readonly prefix: string; readonly roleArn: string; readonly buildDir: string },
): DesiredState {
  const known = knownNames(manifest);
  const tags = ownershipTags(options.prefix);
  const stateMachines = manifest.workflows.map((workflow): DesiredStateMachine => {
    const source = join(options.buildDir, workflow.asl);
    const definition = definitions.get(workflow.name);
    if (definition === undefined)
      throw new DeployError(`${source}: no definition read for workflow "${workflow.name}"`);
    checkPlaceholders(definition, source, known);
    return {
      name: workflow.name,
      physicalName: physicalName('state machine', workflow.name, options.prefix),
      tags,
      type: workflow.type,
      roleArn: options.roleArn,
      definition,
      source,
    };
  });
  return {
    prefix: options.prefix,
    buckets: manifest.buckets.map((name) => ({
      name,
      physicalName: physicalName('bucket', name, options.prefix),
      tags,
    })),
    queues: desiredQueues(manifest, options.prefix),
    activities: manifest.activities.map((name) => ({
      name,
      physicalName: physicalName('activity', name, options.prefix),
      tags,
    })),
    stateMachines: dependencyOrder(stateMachines),
  };
}
