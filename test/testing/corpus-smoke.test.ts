// Smoke run of the ASL corpus: every definition whose states call no outside service (no Task state anywhere) runs
// once with an empty input. This is not conformance (the differential test against LocalStack is issue 15's next
// step): it counts how many the runner finishes (any status) without an internal error, and prints the tally.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { corpusFiles, readCorpusFile } from '../support/corpus/corpus-files.ts';
import { RunnerError, runWorkflow } from '../../src/testing/index.ts';
import { isJsonObject, type JsonValue } from '../../src/testing/json.ts';

function hasTask(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.some(hasTask);
  if (!isJsonObject(value)) return false;
  if (value.Type === 'Task') return true;
  return Object.values(value).some(hasTask);
}

it('runs every service-free corpus definition without an internal error', async () => {
  const files = corpusFiles().filter((file) => {
    const definition = readCorpusFile(file);
    return isJsonObject(definition) && typeof definition.StartAt === 'string' && !hasTask(definition);
  });
  const statuses = new Map<string, number>();
  const unsupported: string[] = [];
  const internal: string[] = [];
  for (const file of files) {
    try {
      const run = await runWorkflow(readCorpusFile(file) as never, {}, { context: { executionName: 'corpus' } });
      statuses.set(run.status, (statuses.get(run.status) ?? 0) + 1);
    } catch (error) {
      (error instanceof RunnerError ? unsupported : internal).push(`${file}: ${(error as Error).message}`);
    }
  }
  console.log(
    `corpus smoke: ${files.length} service-free definitions; finished ${files.length - unsupported.length - internal.length} (${[...statuses].map(([status, count]) => `${status} ${count}`).join(', ')}); refused as unsupported ${unsupported.length}; internal errors ${internal.length}`,
  );
  for (const line of [...unsupported, ...internal]) console.log(`  ${line}`);
  assert.ok(files.length > 50, `expected the corpus to hold service-free definitions, found ${files.length}`);
  assert.deepEqual(internal, []);
});
