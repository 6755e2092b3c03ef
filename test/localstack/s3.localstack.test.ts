import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { testClients, uniqueName } from '../support/localstack.ts';

describe('S3 on LocalStack', () => {
  const { s3 } = testClients();
  const bucket = uniqueName('sf-s3');
  const keys = Array.from({ length: 7 }, (_, index) => `docs/file-${index}.txt`);

  before(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  after(async () => {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    const objects = (listed.Contents ?? []).map((object) => ({ Key: object.Key! }));
    if (objects.length) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects } }));
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  });

  it('puts and gets an object byte for byte', async () => {
    const body = 'héllo, stepforge\n';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'greeting.txt', Body: body, ContentType: 'text/plain' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'greeting.txt' }));
    assert.equal(await got.Body!.transformToString(), body);
    assert.equal(got.ContentType, 'text/plain');
  });

  it('lists every object over several pages', async () => {
    for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: 'docs/', MaxKeys: 3, ContinuationToken: token }),
      );
      seen.push(...(page.Contents ?? []).map((object) => object.Key!));
      token = page.NextContinuationToken;
      pages++;
    } while (token);
    assert.deepEqual(seen, [...keys].sort());
    assert.equal(pages, 3);
  });

  it('reports a missing key as NoSuchKey', async () => {
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'absent' })), { name: 'NoSuchKey' });
  });
});
