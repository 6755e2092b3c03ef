import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeployError } from './deploy-error.ts';
import type { DeployedResources } from './apply.ts';
import { readJsonFile } from './json-file.ts';
import type { Manifest } from './manifest.ts';

/** `build/deployment.json` (docs/internal-contracts.md): logical names -> ARNs/URLs, read by server, workers, CLI. */
export interface Deployment {
  /** The endpoint deployed to; null for AWS itself. */
  readonly endpoint: string | null;
  readonly region: string;
  /** The `--prefix` every physical name carries ("" for none). */
  readonly prefix: string;
  readonly workflows: Readonly<Record<string, DeployedWorkflow>>;
  readonly activities: Readonly<Record<string, string>>;
  readonly queues: Readonly<Record<string, DeploymentQueue>>;
  readonly buckets: Readonly<Record<string, string>>;
}

export interface DeployedWorkflow {
  readonly stateMachineArn: string;
  readonly asl: string;
  readonly schema?: string;
  readonly diagram?: string;
  readonly tasks: readonly string[];
}

export interface DeploymentQueue {
  readonly url: string;
  readonly arn: string;
  readonly dlqUrl?: string;
  readonly dlqArn?: string;
}

export const DEPLOYMENT_FILE = 'deployment.json';

function sortedRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function buildDeployment(
  manifest: Manifest,
  deployed: DeployedResources,
  stateMachineArns: ReadonlyMap<string, string>,
  target: { readonly endpoint: string | null; readonly region: string; readonly prefix: string },
): Deployment {
  return {
    endpoint: target.endpoint,
    region: target.region,
    prefix: target.prefix,
    workflows: sortedRecord(
      manifest.workflows.map((workflow) => [
        workflow.name,
        {
          stateMachineArn: stateMachineArns.get(workflow.name)!,
          asl: workflow.asl,
          ...(workflow.schema ? { schema: workflow.schema } : {}),
          ...(workflow.diagram ? { diagram: workflow.diagram } : {}),
          tasks: [...workflow.tasks],
        },
      ]),
    ),
    activities: sortedRecord(deployed.activities),
    // DLQs appear inside their queue's entry, as the contract shows, not as queues of their own.
    queues: sortedRecord(
      manifest.queues.map((queue) => {
        const main = deployed.queues.get(queue.name)!;
        const dlq = queue.dlq ? deployed.queues.get(queue.dlq.name) : undefined;
        return [queue.name, { url: main.url, arn: main.arn, ...(dlq ? { dlqUrl: dlq.url, dlqArn: dlq.arn } : {}) }];
      }),
    ),
    buckets: sortedRecord(deployed.buckets),
  };
}

export async function writeDeployment(buildDir: string, deployment: Deployment): Promise<string> {
  const path = join(buildDir, DEPLOYMENT_FILE);
  await writeFile(path, `${JSON.stringify(deployment, null, 2)}\n`);
  return path;
}

/** For `start`, `history`, `dev` and tests: the last deploy's addresses, or a message saying how to get them. */
export async function readDeployment(buildDir: string): Promise<Deployment> {
  return (await readJsonFile(join(buildDir, DEPLOYMENT_FILE), 'run `stepforge deploy` first')) as Deployment;
}

/**
 * The activity ARNs the last deploy from this build folder wrote, if it went to the same endpoint, region and prefix:
 * the ownership record for activities where the service cannot tag them (see leftovers.ts). Anything unreadable
 * proves nothing, so it gives an empty set rather than an error.
 */
export async function previousActivityArns(
  buildDir: string,
  target: { readonly endpoint: string | null; readonly region: string; readonly prefix: string },
): Promise<Set<string>> {
  let previous: Partial<Deployment>;
  try {
    previous = (await readDeployment(buildDir)) as Partial<Deployment>;
  } catch {
    return new Set();
  }
  const sameTarget = previous.endpoint === target.endpoint && previous.region === target.region && previous.prefix === target.prefix;
  if (!sameTarget || typeof previous.activities !== 'object' || previous.activities === null) return new Set();
  return new Set(Object.values(previous.activities).filter((arn): arn is string => typeof arn === 'string'));
}

/** The state machine ARN of one deployed workflow, or an error listing the ones there are. */
export function workflowArn(deployment: Deployment, workflow: string): string {
  const found = deployment.workflows[workflow];
  if (!found) {
    const names = Object.keys(deployment.workflows).join(', ') || 'none';
    throw new DeployError(`workflow "${workflow}" is not deployed (deployed: ${names})`);
  }
  return found.stateMachineArn;
}
