// Benchmark: executions per second of the showcase workflow run in-process by stepforge/testing (virtual clock,
// LoadLoyalty mocked as missing so Retry and Catch run), and the time to run every service-free corpus definition
// once. The LocalStack side of the comparison (issue 15's 100x target) is a later step.
// Run: node --import tsx bench/runner.ts [executions, default 2000]
import { corpusFiles, readCorpusFile } from '../test/support/corpus/corpus-files.ts';
import { fail, runWorkflow } from '../src/testing/index.ts';
import { showcase } from '../workflows/showcase.ts';

const executions = Number(process.argv[2] ?? 2_000);
const asl = showcase.toAsl();
const input = {
  orderId: 'o-1',
  priority: 'standard',
  items: [
    { sku: 'a', quantity: 2 },
    { sku: 'b', quantity: 1 },
  ],
};
const tasks = { LoadLoyalty: fail('S3.NoSuchKey', 'missing') };

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

const files = corpusFiles().filter((file) => !JSON.stringify(readCorpusFile(file)).includes('"Type":"Task"'));
const corpusStarted = performance.now();
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
  `corpus: ${finished} of ${files.length} service-free definitions run once in ${((performance.now() - corpusStarted) / 1000).toFixed(2)} s`,
);
