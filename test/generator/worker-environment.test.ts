// A workflow's `workerEnvironment` travels DSL -> build/stepforge.json -> the manifest deploy and `stepforge dev` read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseManifest } from '../../src/deploy/index.ts';
import { DslError, placeholder, workflow } from '../../src/dsl/index.ts';
import { generate, hasErrors } from '../../src/generator/index.ts';

const root = new URL('../..', import.meta.url).pathname;

test('the media-archive example declares the zip-archive worker environment, and the manifest carries it', async () => {
  const outcome = await generate({
    projectRoot: root,
    workflowsDir: 'workflows',
    outDir: 'build-test-unused',
    secondOpinion: false,
  });
  assert.equal(hasErrors(outcome.findings), false);
  const [text] = [...outcome.files].filter(([path]) => path.endsWith('stepforge.json')).map(([, content]) => content);
  const manifest = parseManifest(JSON.parse(text!));
  const media = manifest.workflows.find((item) => item.name === 'media-archive')!;
  assert.deepEqual(media.workerEnvironment, {
    'zip-archive': {
      S3_SOURCE_BUCKET: '${bucket:media-source}',
      S3_DESTINATION_BUCKET: '${bucket:media-archives}',
      ALLOWED_SOURCE_BUCKETS: '${bucket:media-extra}',
      SQS_DESTINATION_QUEUE: '${queue:media-notifications}',
      ARCHIVE_BASE_URL: '${endpoint}/${bucket:media-archives}',
    },
  });
  assert.equal(manifest.workflows.find((item) => item.name === 'showcase')!.workerEnvironment, undefined);
});

test('a bad variable name or a non-string value is a DSL error naming the field', () => {
  assert.throws(
    () => workflow('bad-env', { workerEnvironment: { 'zip-archive': { 'lower-case': 'x' } } }),
    (error: unknown) => {
      assert.ok(error instanceof DslError);
      assert.match(
        error.message,
        /workflow "bad-env"\.workerEnvironment\["zip-archive"\]\.lower-case: a variable name is upper case/,
      );
      return true;
    },
  );
  assert.throws(
    () => workflow('bad-value', { workerEnvironment: { consume: { N: 3 as unknown as string } } }),
    /workflow "bad-value"\.workerEnvironment\["consume"\]\.N: must be a string, got number/,
  );
  assert.doesNotThrow(() =>
    workflow('good-env', { workerEnvironment: { consume: { BUCKET: placeholder.bucket('b') } } }),
  );
});

test('the manifest refuses a worker environment that is not task -> { VARIABLE: string }, naming the field', () => {
  const base = { name: 'w', asl: 'asl/w.asl.json', tasks: [] };
  assert.throws(
    () => parseManifest({ workflows: [{ ...base, workerEnvironment: { consume: { N: 3 } } }] }),
    /workflows\[0\]\.workerEnvironment\.consume\.N must be a string/,
  );
  assert.throws(
    () => parseManifest({ workflows: [{ ...base, workerEnvironment: [] }] }),
    /workflows\[0\]\.workerEnvironment must be an object/,
  );
});
