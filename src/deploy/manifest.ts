import { join } from 'node:path';
import type { QueueSpec, WorkflowResources } from '../contracts/index.ts';
import { DeployError } from './deploy-error.ts';
import { readJsonFile } from './json-file.ts';

/** `build/stepforge.json`, as the generator writes it (docs/internal-contracts.md, "Generator output"). */
export interface Manifest extends WorkflowResources {
  readonly workflows: readonly ManifestWorkflow[];
  readonly queues: readonly ManifestQueue[];
}

export type WorkflowType = 'STANDARD' | 'EXPRESS';

export interface ManifestWorkflow {
  readonly name: string;
  readonly type: WorkflowType;
  /** Paths relative to the build folder. */
  readonly asl: string;
  readonly schema?: string;
  readonly diagram?: string;
  readonly tasks: readonly string[];
  /** Environment its task workers need, by task; values may hold placeholders (resolved by `stepforge dev`). */
  readonly workerEnvironment?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A queue as the generator wrote it (the contract's QueueSpec) plus SQS attributes the project sets. */
export interface ManifestQueue extends QueueSpec {
  /** Further SQS attributes (e.g. `VisibilityTimeout`), values as SQS takes them. */
  readonly attributes?: Readonly<Record<string, string>>;
}

export const MANIFEST_FILE = 'stepforge.json';

/** The SQS attributes a manifest may set; the rest are either derived (FifoQueue, RedrivePolicy) or read-only. */
export const SETTABLE_QUEUE_ATTRIBUTES: readonly string[] = [
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'DelaySeconds',
  'FifoThroughputLimit',
  'KmsDataKeyReusePeriodSeconds',
  'KmsMasterKeyId',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'Policy',
  'ReceiveMessageWaitTimeSeconds',
  'SqsManagedSseEnabled',
  'VisibilityTimeout',
];

function fail(field: string, reason: string): never {
  throw new DeployError(`${MANIFEST_FILE}: ${field} ${reason}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(field, 'must be a non-empty string');
  return value;
}

function optionalString(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : nonEmptyString(value, field);
}

function array(value: unknown, field: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(field, 'must be an array');
  return value;
}

function stringList(value: unknown, field: string): string[] {
  return array(value, field).map((item, index) => nonEmptyString(item, `${field}[${index}]`));
}

function rejectDuplicates(names: readonly string[], field: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) fail(field, `names "${name}" twice`);
    seen.add(name);
  }
}

function parseWorkflow(raw: unknown, field: string): ManifestWorkflow {
  if (!isRecord(raw)) fail(field, 'must be an object');
  const type = raw.type ?? 'STANDARD';
  if (type !== 'STANDARD' && type !== 'EXPRESS')
    fail(`${field}.type`, `must be STANDARD or EXPRESS, got ${JSON.stringify(type)}`);
  const schema = optionalString(raw.schema, `${field}.schema`);
  const diagram = optionalString(raw.diagram, `${field}.diagram`);
  const workerEnvironment = parseWorkerEnvironment(raw.workerEnvironment, `${field}.workerEnvironment`);
  return {
    name: nonEmptyString(raw.name, `${field}.name`),
    type,
    asl: nonEmptyString(raw.asl, `${field}.asl`),
    ...(schema !== undefined ? { schema } : {}),
    ...(diagram !== undefined ? { diagram } : {}),
    tasks: stringList(raw.tasks, `${field}.tasks`),
    ...(workerEnvironment !== undefined ? { workerEnvironment } : {}),
  };
}

function parseWorkerEnvironment(raw: unknown, field: string): Record<string, Record<string, string>> | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) fail(field, 'must be an object of task -> { VARIABLE: value }');
  const parsed: Record<string, Record<string, string>> = {};
  for (const [task, variables] of Object.entries(raw)) {
    if (!isRecord(variables)) fail(`${field}.${task}`, 'must be an object of VARIABLE -> value');
    parsed[task] = {};
    for (const [name, value] of Object.entries(variables)) {
      if (typeof value !== 'string') fail(`${field}.${task}.${name}`, 'must be a string');
      parsed[task][name] = value;
    }
  }
  return parsed;
}

function parseAttributes(raw: unknown, field: string): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) fail(field, 'must be an object of SQS attribute names to values');
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!SETTABLE_QUEUE_ATTRIBUTES.includes(name)) {
      fail(`${field}.${name}`, `is not a settable SQS attribute (one of ${SETTABLE_QUEUE_ATTRIBUTES.join(', ')})`);
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      fail(`${field}.${name}`, 'must be a string, number or boolean');
    }
    attributes[name] = String(value);
  }
  return attributes;
}

function parseQueue(raw: unknown, field: string): ManifestQueue {
  if (!isRecord(raw)) fail(field, 'must be an object');
  const name = nonEmptyString(raw.name, `${field}.name`);
  const fifo = raw.fifo ?? false;
  if (typeof fifo !== 'boolean') fail(`${field}.fifo`, 'must be true or false');
  // SQS makes the suffix part of the type: a FIFO queue must end in .fifo and only a FIFO queue may.
  if (fifo !== name.endsWith('.fifo'))
    fail(`${field}.name`, fifo ? 'must end in .fifo for a FIFO queue' : 'ends in .fifo but fifo is false');
  let dlq: ManifestQueue['dlq'];
  if (raw.dlq !== undefined) {
    if (!isRecord(raw.dlq)) fail(`${field}.dlq`, 'must be an object { name, maxReceiveCount }');
    const dlqName = nonEmptyString(raw.dlq.name, `${field}.dlq.name`);
    if (fifo !== dlqName.endsWith('.fifo'))
      fail(
        `${field}.dlq.name`,
        fifo ? 'must end in .fifo: the DLQ of a FIFO queue is FIFO' : 'ends in .fifo but its queue is standard',
      );
    const maxReceiveCount = raw.dlq.maxReceiveCount ?? 5;
    if (
      typeof maxReceiveCount !== 'number' ||
      !Number.isInteger(maxReceiveCount) ||
      maxReceiveCount < 1 ||
      maxReceiveCount > 1000
    ) {
      fail(`${field}.dlq.maxReceiveCount`, 'must be a whole number from 1 to 1000');
    }
    dlq = { name: dlqName, maxReceiveCount };
  }
  const attributes = parseAttributes(raw.attributes, `${field}.attributes`);
  return { name, fifo, ...(dlq ? { dlq } : {}), ...(attributes ? { attributes } : {}) };
}

/** Validates a parsed manifest; every error names the field at fault. */
export function parseManifest(raw: unknown): Manifest {
  if (!isRecord(raw)) fail('(top level)', 'must be a JSON object');
  const workflows = array(raw.workflows, 'workflows').map((item, index) => parseWorkflow(item, `workflows[${index}]`));
  const queues = array(raw.queues, 'queues').map((item, index) => parseQueue(item, `queues[${index}]`));
  const manifest: Manifest = {
    workflows,
    activities: stringList(raw.activities, 'activities'),
    queues,
    buckets: stringList(raw.buckets, 'buckets'),
  };
  rejectDuplicates(
    workflows.map((workflow) => workflow.name),
    'workflows',
  );
  rejectDuplicates(manifest.activities, 'activities');
  rejectDuplicates(
    queues.flatMap((queue) => [queue.name, ...(queue.dlq ? [queue.dlq.name] : [])]),
    'queues',
  );
  rejectDuplicates(manifest.buckets, 'buckets');
  return manifest;
}

/** Reads and validates `<buildDir>/stepforge.json`. */
export async function readManifest(buildDir: string): Promise<Manifest> {
  return parseManifest(
    await readJsonFile(join(buildDir, MANIFEST_FILE), 'run `stepforge generate` first (or pass --build <folder>)'),
  );
}
