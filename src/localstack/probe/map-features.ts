import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import type { FeatureResult } from './feature-result.ts';
import { describeFailure, type ProbeContext, runStateMachine } from './probe-context.ts';

const OBJECT_COUNT = 5;
/** Forces several ListObjectsV2 pages out of five objects instead of writing more than 1000 of them. */
const PAGE_SIZE = 2;

async function withBucket<T>(context: ProbeContext, objects: number, use: (bucket: string) => Promise<T>): Promise<T> {
  const { s3 } = context.clients;
  const bucket = `stepforge-probe-${context.suffix}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  try {
    for (let index = 0; index < objects; index++) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `items/item-${index}.json`, Body: `{"n":${index}}` }));
    }
    return await use(bucket);
  } finally {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket })).catch(() => undefined);
    const keys = (listed?.Contents ?? []).map((object) => ({ Key: object.Key! }));
    if (keys.length > 0)
      await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } })).catch(() => undefined);
    await s3.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
  }
}

function distributedMap(extra: object): object {
  return {
    Type: 'Map',
    ItemProcessor: {
      ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
      StartAt: 'Echo',
      States: { Echo: { Type: 'Pass', End: true } },
    },
    End: true,
    ...extra,
  };
}

/**
 * AWS pages ListObjectsV2 itself, so an ItemReader sees every object whatever `MaxKeys` says. An implementation
 * that makes one call returns only the first page: with MaxKeys 2 over 5 objects that shows without 1000+ objects.
 */
export async function probeItemReaderPaging(context: ProbeContext): Promise<FeatureResult> {
  return withBucket(context, OBJECT_COUNT, async (bucket) => {
    const outcome = await runStateMachine(context, 'probe-reader', {
      StartAt: 'Each',
      States: {
        Each: distributedMap({
          ItemReader: {
            Resource: 'arn:aws:states:::s3:listObjectsV2',
            Parameters: { Bucket: bucket, Prefix: 'items/', MaxKeys: PAGE_SIZE },
          },
        }),
      },
    });
    if (outcome.status !== 'SUCCEEDED') return { supported: false, detail: describeFailure(outcome) };
    const count = Array.isArray(outcome.output) ? outcome.output.length : -1;
    return count === OBJECT_COUNT
      ? { supported: true, detail: `all ${OBJECT_COUNT} objects read over pages of ${PAGE_SIZE}` }
      : {
          supported: false,
          detail: `only ${count} of ${OBJECT_COUNT} objects read with pages of ${PAGE_SIZE}: one ListObjectsV2 call and no continuation, so past 1000 objects the rest would be dropped`,
        };
  });
}

export async function probeItemBatcher(context: ProbeContext): Promise<FeatureResult> {
  const outcome = await runStateMachine(
    context,
    'probe-batcher',
    {
      StartAt: 'Each',
      States: { Each: distributedMap({ ItemsPath: '$.items', ItemBatcher: { MaxItemsPerBatch: 2 } }) },
    },
    { items: [1, 2, 3, 4, 5] },
  );
  if (outcome.status !== 'SUCCEEDED') return { supported: false, detail: describeFailure(outcome) };
  const batches = outcome.output as Array<{ Items?: unknown[] }>;
  const sizes = Array.isArray(batches) ? batches.map((batch) => batch.Items?.length ?? 0) : [];
  return sizes.join(',') === '2,2,1'
    ? { supported: true, detail: '5 items in batches of 2 gave 3 batches of 2,2,1 Items' }
    : {
        supported: false,
        detail: `expected batches of 2,2,1 Items, got ${JSON.stringify(outcome.output).slice(0, 200)}`,
      };
}

export async function probeResultWriter(context: ProbeContext): Promise<FeatureResult> {
  return withBucket(context, 0, async (bucket) => {
    const outcome = await runStateMachine(
      context,
      'probe-writer',
      {
        StartAt: 'Each',
        States: {
          Each: distributedMap({
            ItemsPath: '$.items',
            ResultWriter: {
              Resource: 'arn:aws:states:::s3:putObject',
              Parameters: { Bucket: bucket, Prefix: 'results' },
            },
          }),
        },
      },
      { items: [1, 2, 3] },
    );
    if (outcome.status !== 'SUCCEEDED') return { supported: false, detail: describeFailure(outcome) };
    const listed = await context.clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'results' }));
    const keys = (listed.Contents ?? []).map((object) => object.Key!);
    const manifest = keys.find((key) => key.endsWith('manifest.json'));
    return manifest
      ? { supported: true, detail: `results written to S3 (${keys.length} objects, incl. ${manifest})` }
      : {
          supported: false,
          detail: `no manifest.json under results/ after the run (found: ${keys.join(', ') || 'nothing'})`,
        };
  });
}
