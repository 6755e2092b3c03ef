import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { DeleteBucketCommand, DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DeleteActivityCommand, DeleteStateMachineCommand } from '@aws-sdk/client-sfn';
import { DeleteQueueCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../src/aws/index.ts';
import type { Deployment } from '../../src/deploy/index.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A hand-written build folder (manifest + ASL), as the generator would leave it, for deploy tests. */
export interface FixtureBuild {
  readonly dir: string;
  /** A unique lowercase prefix so tests sharing one LocalStack never meet. */
  readonly prefix: string;
  writeManifest(manifest: unknown): Promise<void>;
  writeAsl(name: string, definition: unknown): Promise<void>;
}

export function uniquePrefix(label: string): string {
  return `t${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}-`;
}

export async function fixtureBuild(label: string): Promise<FixtureBuild> {
  const dir = await mkdtemp(join(tmpdir(), `stepforge-${label}-`));
  await mkdir(join(dir, 'asl'));
  return {
    dir,
    prefix: uniquePrefix(label),
    writeManifest: (manifest) => writeFile(join(dir, 'stepforge.json'), `${JSON.stringify(manifest, null, 2)}\n`),
    writeAsl: (name, definition) =>
      writeFile(join(dir, 'asl', `${name}.asl.json`), `${JSON.stringify(definition, null, 2)}\n`),
  };
}

/** A workflow that touches every placeholder kind a task-container workflow uses. */
export function pipelineAsl(comment = 'v1'): unknown {
  return {
    Comment: comment,
    StartAt: 'Work',
    States: {
      Work: { Type: 'Task', Resource: '${activity:stepforge-noop}', Next: 'Send' },
      Send: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage',
        Parameters: {
          QueueUrl: '${queue:jobs}',
          MessageBody: { bucket: '${bucket:data}', dlq: '${queueArn:jobs-dlq}' },
        },
        End: true,
      },
    },
  };
}

export function pipelineManifest(options: { visibilityTimeout?: number; maxReceiveCount?: number } = {}): unknown {
  return {
    workflows: [{ name: 'pipeline', type: 'STANDARD', asl: 'asl/pipeline.asl.json', tasks: ['noop'] }],
    activities: ['stepforge-noop'],
    queues: [
      {
        name: 'jobs',
        fifo: false,
        dlq: { name: 'jobs-dlq', maxReceiveCount: options.maxReceiveCount ?? 5 },
        attributes: { VisibilityTimeout: options.visibilityTimeout ?? 30 },
      },
      { name: 'ordered.fifo', fifo: true, dlq: { name: 'ordered-dlq.fifo', maxReceiveCount: 3 } },
    ],
    buckets: ['data'],
  };
}

async function emptyAndDeleteBucket(clients: AwsClients, bucket: string): Promise<void> {
  for (;;) {
    const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (listed.Contents ?? []).map((object) => ({ Key: object.Key! }));
    if (!keys.length) break;
    await clients.s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
  }
  await clients.s3.send(new DeleteBucketCommand({ Bucket: bucket }));
}

/** Deletes everything a test deployment created, so the LocalStack every test run shares does not fill up. */
export async function removeDeployment(clients: AwsClients, deployment: Deployment): Promise<void> {
  const { sfn, sqs } = clients;
  await Promise.all(
    Object.values(deployment.workflows).map(({ stateMachineArn }) =>
      sfn.send(new DeleteStateMachineCommand({ stateMachineArn })),
    ),
  );
  await Promise.all(
    Object.values(deployment.activities).map((activityArn) => sfn.send(new DeleteActivityCommand({ activityArn }))),
  );
  const queueUrls = Object.values(deployment.queues).flatMap((queue) => [
    queue.url,
    ...(queue.dlqUrl ? [queue.dlqUrl] : []),
  ]);
  await Promise.all(queueUrls.map((QueueUrl) => sqs.send(new DeleteQueueCommand({ QueueUrl }))));
  await Promise.all(Object.values(deployment.buckets).map((bucket) => emptyAndDeleteBucket(clients, bucket)));
}
