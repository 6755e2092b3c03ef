// Benchmark: executions per second of the showcase workflow in-process (stepforge/testing, virtual clock, LoadLoyalty
// failing as a missing record so Retry and Catch run) versus on LocalStack in the same run (the same definition, its
// S3 read failing for real on an empty bucket, its Waits and retry interval real), the ratio (issue 15's target: at
// least 100x), and the time to run every service-free corpus definition once in-process.
// Run: npx stepforge localstack start && node --import tsx bench/runner.ts [--executions 2000] [--localstack 50]
// (--localstack 0 skips the LocalStack side.)
import { CreateBucketCommand, DeleteBucketCommand } from '@aws-sdk/client-s3';
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { createAwsClients } from '../src/aws/index.ts';
import { fail, runWorkflow } from '../src/testing/index.ts';
import { corpusFiles, readCorpusFile } from '../test/support/corpus/corpus-files.ts';
import { SHOWCASE_ORDER } from '../test/support/workflows/showcase-order.ts';
import { showcase } from '../workflows/showcase.ts';
import { numberOption, useLocalStackDefaults } from './support.ts';

const executions = numberOption('executions', 2_000);
const onLocalStack = numberOption('localstack', 50);
const input = SHOWCASE_ORDER;
const tasks = { LoadLoyalty: fail('S3.NoSuchKey', 'missing') };
const suffix = Date.now().toString(36);
const bucket = `sf-bench-runner-${suffix}`;
const asl = JSON.parse(JSON.stringify(showcase.toAsl()).replaceAll('${bucket:showcase-data}', bucket));

async function inProcessRate(): Promise<number> {
  for (let warmup = 0; warmup < 50; warmup += 1) await runWorkflow(asl, input, { tasks });
  const started = performance.now();
  for (let index = 0; index < executions; index += 1) {
    const run = await runWorkflow(asl, input, { tasks });
    if (run.status !== 'SUCCEEDED') throw new Error(`showcase run ${index} ended ${run.status}: ${run.error}`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `showcase in-process: ${executions} executions in ${seconds.toFixed(2)} s = ${(executions / seconds).toFixed(0)} executions/s`,
  );
  return executions / seconds;
}

/** `count` executions started at once on LocalStack; the rate is count over the time until the last one ended. */
async function localStackRate(count: number): Promise<number> {
  useLocalStackDefaults();
  const { s3, sfn } = createAwsClients();
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({
      name: `sf-bench-runner-${suffix}`,
      roleArn: 'arn:aws:iam::000000000000:role/stepforge-bench',
      definition: JSON.stringify(asl),
    }),
  );
  try {
    const started = performance.now();
    const arns = await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const start = new StartExecutionCommand({ stateMachineArn, name: `e-${index}`, input: JSON.stringify(input) });
        return (await sfn.send(start)).executionArn as string;
      }),
    );
    const deadline = Date.now() + 300_000;
    const pending = new Set(arns);
    while (pending.size > 0) {
      if (Date.now() > deadline) throw new Error(`${pending.size} LocalStack executions still running after 300 s`);
      for (const executionArn of [...pending]) {
        const { status, error } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        if (status === 'RUNNING') continue;
        if (status !== 'SUCCEEDED') throw new Error(`LocalStack execution ${executionArn} ended ${status}: ${error}`);
        pending.delete(executionArn);
      }
      if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `showcase on LocalStack: ${count} concurrent executions in ${seconds.toFixed(2)} s = ${(count / seconds).toFixed(2)} executions/s (each waits ~3 s: BatchWindow 1 s, CarrierSlot 1 s, the retry's 1 s interval)`,
    );
    return count / seconds;
  } finally {
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  }
}

async function corpusOnce(): Promise<void> {
  const files = corpusFiles().filter((file) => !JSON.stringify(readCorpusFile(file)).includes('"Type":"Task"'));
  const started = performance.now();
  let finished = 0;
  for (const file of files) {
    try {
      await runWorkflow(readCorpusFile(file) as never, {});
      finished += 1;
    } catch {
      // Definitions the runner refuses (ItemReader, ...) are counted out; the corpus smoke test lists them.
    }
  }
  console.log(
    `corpus: ${finished} of ${files.length} service-free definitions run once in-process in ${((performance.now() - started) / 1000).toFixed(2)} s`,
  );
}

const inProcess = await inProcessRate();
if (onLocalStack > 0) {
  const local = await localStackRate(onLocalStack);
  const ratio = inProcess / local;
  console.log(
    `ratio: in-process ${ratio.toFixed(0)}x LocalStack (target >= 100x): ${ratio >= 100 ? 'met' : 'NOT met'}`,
  );
}
await corpusOnce();
