// Differential conformance: every service-free definition of the ASL corpus, and those whose Tasks call S3 only
// (against a seeded bucket on LocalStack; in-process with LocalStack's answers replayed), runs with the same input on
// LocalStack and in-process; status, output, error, cause and the (event type, state name) sequence must agree, except for the
// disagreements listed with their reasons in test/support/testing/expected-disagreements.json. The test fails on a
// new disagreement and on a listed one that has gone away (so the list stays true).
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
import { BUCKET, conformanceCases, SEEDED_KEY, SKIPPED_FOR_TIME } from '../support/testing/conformance-cases.ts';
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

/** The input with the seeded bucket's real name in place of BUCKET. */
function withBucket(input: unknown, bucket: string): unknown {
  return JSON.parse(JSON.stringify(input).replaceAll(BUCKET, bucket));
}

const bucket = uniqueName('sf-conformance').toLowerCase();
before(async () => {
  const { s3 } = testClients();
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: SEEDED_KEY, Body: '{"hello":"world"}' }));
});
after(async () => {
  const { s3 } = testClients();
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  for (const object of listed.Contents ?? [])
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key }));
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
});

it('agrees with LocalStack on every service-free (or S3-only) corpus definition, apart from the listed disagreements', async () => {
  const { sfn } = testClients();
  const { cases, leftOut } = conformanceCases();
  const results = await mapConcurrently(cases, 12, async (testCase) => {
    const name = uniqueName('conf');
    const input = withBucket(testCase.input, bucket);
    const onLocalStack = runOnLocalStack(sfn, { name, definition: testCase.definition, input, timeoutMs: 60_000 });
    // A case that calls S3 needs LocalStack's answers first; the rest run both sides at once.
    const tasks = testCase.replay ? replayMocks((await onLocalStack).events) : {};
    const context = { executionName: name, stateMachineName: name, roleArn: TEST_ROLE, startTime: new Date() };
    const [localstack, runner] = await Promise.all([
      onLocalStack,
      runWorkflow(testCase.definition as never, input, { tasks, context }).catch((error: unknown) => {
        if (error instanceof RunnerError) return { status: `refused (${error.message})`, events: [] };
        throw error;
      }),
    ]);
    return { file: testCase.file, found: differences(localstack, runner) };
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
});
