import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  compareCodeUnits,
  DEPLOYMENT_FILE,
  type Deployment,
  DeploymentFileError,
  parseDeployment,
} from '../contracts/index.ts';
import { DeployError } from './deploy-error.ts';
import type { DeployedResources } from './apply.ts';
import { readJsonFile } from './json-file.ts';
import type { Manifest } from './manifest.ts';

// The shape and its reader are contracts (src/contracts/deployment.ts); this is deploy's file edge.
export type { Deployment };

function sortedRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => compareCodeUnits(a, b)));
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
  const path = join(buildDir, DEPLOYMENT_FILE);
  const value = await readJsonFile(path, 'run `stepforge deploy` first');
  try {
    return parseDeployment(value, path);
  } catch (error) {
    throw error instanceof DeploymentFileError ? new DeployError(error.message) : error;
  }
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
  let previous: Deployment;
  try {
    previous = await readDeployment(buildDir);
  } catch {
    return new Set();
  }
  const sameTarget =
    previous.endpoint === target.endpoint && previous.region === target.region && previous.prefix === target.prefix;
  return sameTarget ? new Set(Object.values(previous.activities)) : new Set();
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
