// Differential conformance: every service-free definition of the ASL corpus, those whose Tasks call S3 only
// (against a seeded bucket on LocalStack; in-process with LocalStack's answers replayed), and the Distributed Maps
// whose ItemReader reads S3 (the same objects seeded on LocalStack and given to the in-process run) run with the same
// input on LocalStack and in-process; status, output, error, cause and the (event type, state name) sequence must
// agree, except for the disagreements listed with their reasons in test/support/testing/expected-disagreements.json.
// The test fails on a new disagreement and on a listed one that has gone away (so the list stays true).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { RunnerError, runWorkflow } from '../../src/testing/index.ts';
import { TEST_ROLE, testClients, uniqueName } from '../support/localstack.ts';
import { differences } from '../support/testing/compare-runs.ts';
import {
  BUCKET,
  conformanceCases,
  ITEM_OBJECTS,
  ITEMS_BUCKET,
  SEEDED_KEY,
  SKIPPED_FOR_TIME,
} from '../support/testing/conformance-cases.ts';
import { replayMocks } from '../support/testing/replay-mocks.ts';
import { mapConcurrently, runOnLocalStack } from '../support/testing/localstack-execution.ts';

interface ExpectedDisagreement {
  /** Who is wrong: LocalStack (the runner follows AWS) or the runner (a known gap). */
  readonly wrong: 'localstack' | 'runner';
  readonly reason: string;
  /** The AWS documentation or LocalStack note that says so. */
  readonly reference: string;
}

const EXPECTED = JSON.parse(
  readFileSync(new URL('../support/testing/expected-disagreements.json', import.meta.url), 'utf8'),
) as Record<string, ExpectedDisagreement>;

const bucket = uniqueName('sf-conformance').toLowerCase();
const itemsBucket = uniqueName('sf-conformance-items').toLowerCase();

/** The input with the seeded buckets' real names in place of BUCKET and ITEMS_BUCKET. */
function withBuckets(input: unknown): unknown {
  return JSON.parse(JSON.stringify(input).replaceAll(BUCKET, bucket).replaceAll(ITEMS_BUCKET, itemsBucket));
}

/** The ItemReader objects as the in-process run's S3 holds them. */
const inProcessItems = Object.fromEntries(
  Object.entries(ITEM_OBJECTS).map(([key, body]) => [`${itemsBucket}/${key}`, body]),
);

before(async () => {
  const { s3 } = testClients();
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: SEEDED_KEY, Body: '{"hello":"world"}' }));
  await s3.send(new CreateBucketCommand({ Bucket: itemsBucket }));
  for (const [key, body] of Object.entries(ITEM_OBJECTS))
    await s3.send(new PutObjectCommand({ Bucket: itemsBucket, Key: key, Body: body }));
});
after(async () => {
  const { s3 } = testClients();
  for (const name of [bucket, itemsBucket]) {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: name }));
    for (const object of listed.Contents ?? [])
      await s3.send(new DeleteObjectCommand({ Bucket: name, Key: object.Key }));
    await s3.send(new DeleteBucketCommand({ Bucket: name }));
  }
});

it('agrees with LocalStack on every service-free (or S3-only) corpus definition, apart from the listed disagreements', async () => {
  const { sfn } = testClients();
  const { cases, leftOut } = conformanceCases();
  const results = await mapConcurrently(cases, 12, async (testCase) => {
    const name = uniqueName('conf');
    const input = withBuckets(testCase.input);
    const onLocalStack = runOnLocalStack(sfn, { name, definition: testCase.definition, input, timeoutMs: 60_000 });
    // A case that calls S3 needs LocalStack's answers first; the rest run both sides at once.
    const tasks = testCase.replay ? replayMocks((await onLocalStack).events) : {};
    const context = { executionName: name, stateMachineName: name, roleArn: TEST_ROLE, startTime: new Date() };
    const [localstack, runner] = await Promise.all([
      onLocalStack,
      runWorkflow(testCase.definition as never, input, {
        tasks,
        context,
        ...(testCase.readsItems && { s3: inProcessItems }),
      }).catch((error: unknown) => {
        if (error instanceof RunnerError) return { status: `refused (${error.message})`, events: [] };
        throw error;
      }),
    ]);
    return {
      file: testCase.file,
      found: differences(localstack, runner),
      readsItems: testCase.readsItems === true,
      runnerStatus: runner.status,
    };
  });
  const disagreeing = results.filter((result) => result.found.length > 0);
  console.log(`agreement: ${cases.length - disagreeing.length} of ${cases.length}`);
  for (const [why, count] of Object.entries(leftOut)) console.log(`  left out: ${count} ${why}`);
  for (const [file, why] of Object.entries(SKIPPED_FOR_TIME)) console.log(`  skipped: ${file}: ${why}`);
  for (const { file, found } of disagreeing) {
    const expected = EXPECTED[file];
    console.log(
      `  disagree: ${file}${expected ? ` (${expected.wrong} wrong: ${expected.reason}; ${expected.reference})` : ' (NEW)'}`,
    );
    for (const line of found) console.log(`    ${line}`);
  }
  const fixed = Object.keys(EXPECTED).filter((file) => !disagreeing.some((result) => result.file === file));
  for (const file of fixed) console.log(`  now agrees (remove from expected-disagreements.json): ${file}`);
  assert.deepEqual(
    disagreeing.map((result) => result.file).sort(),
    Object.keys(EXPECTED).sort(),
    'the disagreements differ from test/support/testing/expected-disagreements.json (see the list above)',
  );
  // The seeded objects keep the ItemReader cases on the happy path (not two matching failures).
  const unread = results.filter((result) => result.readsItems && result.runnerStatus !== 'SUCCEEDED');
  assert.deepEqual(
    unread.map((result) => result.file),
    [],
    'ItemReader cases that did not succeed in-process',
  );
});
