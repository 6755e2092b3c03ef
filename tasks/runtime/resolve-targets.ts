import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paginateListActivities, type SFNClient } from '@aws-sdk/client-sfn';
import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ConfigError } from '../../src/aws/index.ts';
import { DEPLOYMENT_FILE, type Deployment, DeploymentFileError, parseDeployment } from '../../src/contracts/index.ts';
import { isQueueMissing } from './aws-error.ts';
import { activityName, dispatchQueueName } from './resource-names.ts';

/** The parts of `build/deployment.json` (written by deploy) that a worker reads. */
type DeploymentTargets = Pick<Deployment, 'activities' | 'queues'>;

/** `<buildDir>/deployment.json`, or undefined when there is none (a worker may run before or without a deploy). */
export function readDeploymentTargets(buildDir: string): DeploymentTargets | undefined {
  const path = join(buildDir, DEPLOYMENT_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return parseDeployment(text, path);
  } catch (error) {
    throw error instanceof DeploymentFileError ? new ConfigError(path, error.problem) : error;
  }
}

/** The task's dispatch queue: the explicit URL, else deployment.json, else looked up by its conventional name. */
export async function resolveQueueUrl(
  sqs: SQSClient,
  task: string,
  explicit: string | undefined,
  deployment: DeploymentTargets | undefined,
): Promise<string> {
  if (explicit) return explicit;
  const name = dispatchQueueName(task);
  const deployed = deployment?.queues[name]?.url;
  if (deployed) return deployed;
  try {
    const found = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    if (found.QueueUrl) return found.QueueUrl;
  } catch (error) {
    if (!isQueueMissing(error)) throw error;
  }
  throw new ConfigError('--queue-url', `not given, and no queue named ${name} exists (deploy first, or pass the URL)`);
}

/** The task's activity: the explicit ARN, else deployment.json, else found by its conventional name. */
export async function resolveActivityArn(
  sfn: SFNClient,
  task: string,
  explicit: string | undefined,
  deployment: DeploymentTargets | undefined,
): Promise<string> {
  if (explicit) return explicit;
  const name = activityName(task);
  const deployed = deployment?.activities[name];
  if (deployed) return deployed;
  for await (const page of paginateListActivities({ client: sfn }, {})) {
    const match = page.activities?.find((activity) => activity.name === name);
    if (match?.activityArn) return match.activityArn;
  }
  throw new ConfigError(
    '--activity-arn',
    `not given, and no activity named ${name} exists (deploy first, or pass the ARN)`,
  );
}
