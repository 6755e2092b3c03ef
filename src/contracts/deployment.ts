// `build/deployment.json` (docs/internal-contracts.md, "deployment.json"): written by deploy, read by the server, the
// workers and the CLI. This is its one shape and its one reader; reading the file is each caller's thin edge.

export interface DeployedWorkflow {
  readonly stateMachineArn: string;
  /** Paths relative to the build folder. */
  readonly asl?: string;
  readonly schema?: string;
  readonly diagram?: string;
  /** The task containers the workflow's steps use; an absent list reads as empty. */
  readonly tasks: readonly string[];
}

export interface DeploymentQueue {
  readonly url: string;
  readonly arn?: string;
  readonly dlqUrl?: string;
  readonly dlqArn?: string;
}

export interface Deployment {
  /** The endpoint deployed to; null for AWS itself; absent when the file does not say. */
  readonly endpoint?: string | null;
  readonly region?: string;
  /** The `--prefix` every physical name carries ("" for none). */
  readonly prefix?: string;
  /** Logical name -> physical resource; an absent section reads as empty. */
  readonly workflows: Readonly<Record<string, DeployedWorkflow>>;
  readonly activities: Readonly<Record<string, string>>;
  readonly queues: Readonly<Record<string, DeploymentQueue>>;
  readonly buckets: Readonly<Record<string, string>>;
}

export const DEPLOYMENT_FILE = 'deployment.json';

/** A deployment.json that cannot be read as one; `problem` names the field at fault. */
export class DeploymentFileError extends Error {
  override readonly name = 'DeploymentFileError';
  constructor(
    readonly source: string,
    readonly problem: string,
  ) {
    super(`${source}: ${problem}`);
  }
}

type Fail = (problem: string) => never;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function section(record: Record<string, unknown>, field: string, fail: Fail): Record<string, unknown> {
  const value = record[field] ?? {};
  if (!isRecord(value)) fail(`${field} must be an object of logical name -> resource`);
  return value;
}

function optionalString(record: Record<string, unknown>, field: string, at: string, fail: Fail): void {
  if (record[field] !== undefined && typeof record[field] !== 'string') fail(`${at}.${field} must be a string`);
}

function checkWorkflow(name: string, value: unknown, fail: Fail): void {
  const at = `workflows.${name}`;
  if (!isRecord(value)) fail(`${at} must be an object { stateMachineArn, asl?, schema?, diagram?, tasks? }`);
  if (typeof value.stateMachineArn !== 'string' || !value.stateMachineArn.startsWith('arn:')) {
    fail(`${at}.stateMachineArn must be a state machine ARN`);
  }
  for (const field of ['asl', 'schema', 'diagram']) optionalString(value, field, at, fail);
  const { tasks } = value;
  if (tasks !== undefined && !(Array.isArray(tasks) && tasks.every((task) => typeof task === 'string'))) {
    fail(`${at}.tasks must be a list of task names`);
  }
}

function checkQueue(name: string, value: unknown, fail: Fail): void {
  const at = `queues.${name}`;
  if (!isRecord(value) || typeof value.url !== 'string')
    fail(`${at} must be an object { url, arn?, dlqUrl?, dlqArn? }`);
  for (const field of ['arn', 'dlqUrl', 'dlqArn']) optionalString(value, field, at, fail);
}

function checkNames(field: string, values: Record<string, unknown>, fail: Fail): void {
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'string') fail(`${field}.${name} must be a string`);
  }
}

/**
 * Reads deployment.json from its text (or its already parsed value), checking every part a reader relies on. Partial
 * files (a hand-written one, one from an older deploy) are accepted: absent sections read as empty.
 * @throws DeploymentFileError naming `source` and the field at fault.
 */
export function parseDeployment(textOrValue: unknown, source: string = DEPLOYMENT_FILE): Deployment {
  const fail: Fail = (problem) => {
    throw new DeploymentFileError(source, problem);
  };
  let value = textOrValue;
  if (typeof textOrValue === 'string') {
    try {
      value = JSON.parse(textOrValue);
    } catch (error) {
      fail(`is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (!isRecord(value)) return fail('must be a JSON object');
  const { endpoint, region, prefix } = value;
  if (endpoint !== undefined && endpoint !== null && typeof endpoint !== 'string')
    fail('endpoint must be a URL or null');
  if (region !== undefined && typeof region !== 'string') fail('region must be a string');
  if (prefix !== undefined && typeof prefix !== 'string') fail('prefix must be a string');
  const workflows = section(value, 'workflows', fail);
  for (const [name, workflow] of Object.entries(workflows)) checkWorkflow(name, workflow, fail);
  const queues = section(value, 'queues', fail);
  for (const [name, queue] of Object.entries(queues)) checkQueue(name, queue, fail);
  const activities = section(value, 'activities', fail);
  checkNames('activities', activities, fail);
  const buckets = section(value, 'buckets', fail);
  checkNames('buckets', buckets, fail);
  const withTasks = Object.fromEntries(
    Object.entries(workflows).map(([name, workflow]) => [
      name,
      { ...(workflow as DeployedWorkflow), tasks: (workflow as Partial<DeployedWorkflow>).tasks ?? [] },
    ]),
  );
  return {
    ...(endpoint !== undefined ? { endpoint: endpoint as string | null } : {}),
    ...(region !== undefined ? { region: region as string } : {}),
    ...(prefix !== undefined ? { prefix: prefix as string } : {}),
    workflows: withTasks,
    activities: activities as Record<string, string>,
    queues: queues as Record<string, DeploymentQueue>,
    buckets: buckets as Record<string, string>,
  };
}
