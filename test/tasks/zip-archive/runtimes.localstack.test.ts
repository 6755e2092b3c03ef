import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { RUNTIMES, runUnder } from '../../runtimes/run-under.ts';
import { createBucket, getObject, putObject, testClients } from '../../support/zip-archive/localstack.ts';
import { inspectZip } from '../../support/zip-archive/zip-inspect.ts';

const { s3 } = testClients();
const fixture = join(new URL('.', import.meta.url).pathname, 'fixtures', 'archive-once.ts');
let env: Record<string, string>;
const photo = randomBytes(200_000);

before(async () => {
  const sourceBucket = await createBucket(s3, 'zipr-src');
  const destinationBucket = await createBucket(s3, 'zipr-dst');
  await putObject(s3, sourceBucket, 'a/photo 1.jpg', photo);
  await putObject(s3, sourceBucket, 'b/notes.txt', 'notes');
  env = {
    ARCHIVE_BASE_URL: 'https://files.example.com',
    S3_SOURCE_BUCKET: sourceBucket,
    S3_DESTINATION_BUCKET: destinationBucket,
    AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566',
  };
});

for (const runtime of RUNTIMES) {
  describe(`zip-archive under ${runtime}`, () => {
    it('streams S3 objects into a zip uploaded to S3', async () => {
      const payload = JSON.stringify({
        files: [{ source: 'a/photo 1.jpg', destination: 'pics' }, { source: 'b/notes.txt' }],
      });
      const result = await runUnder(runtime, fixture, { args: [payload], env, timeoutMs: 120_000 });
      assert.equal(result.code, 0, result.stderr);
      const output = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
      assert.equal(output.fileCount, 2);
      const entries = await inspectZip(await getObject(s3, output.bucket, output.key));
      assert.deepEqual(
        entries.map((entry) => entry.name),
        ['pics/photo 1.jpg', 'notes.txt'],
      );
      assert.ok(entries[0]!.content.equals(photo));
      assert.equal(entries[1]!.content.toString(), 'notes');
      assert.ok(entries.every((entry) => entry.crc32 === entry.actualCrc32));
    });
  });
}
