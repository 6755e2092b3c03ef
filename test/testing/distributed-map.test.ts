// Distributed Map over the run's in-memory S3: ItemReader (JSON, JSONL, CSV, listObjectsV2, manifest), ItemSelector,
// ItemBatcher, ResultWriter, tolerated failures (and their Path forms), MaxConcurrencyPath, Label, the Map Run
// events, and the `aws-sdk:s3:*` tasks that share the same store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { MemoryS3, runWorkflow } from '../../src/testing/index.ts';
import type { JsonObject } from '../../src/testing/json.ts';
import { eventTypes, machine } from './support.ts';

const distributed = (states: Record<string, JsonObject>): JsonObject =>
  machine(states, { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } });
const passItem = distributed({ P: { Type: 'Pass', End: true } });
const reader = (config: JsonObject, resource = 'arn:aws:states:::s3:getObject'): JsonObject => ({
  Resource: resource,
  ReaderConfig: config,
  Parameters: { 'Bucket.$': '$.Bucket', 'Key.$': '$.Key' },
});
const mapOf = (fields: JsonObject, processor: JsonObject = passItem): JsonObject =>
  machine({ M: { Type: 'Map', ItemProcessor: processor, End: true, ...fields } });
const at = { Bucket: 'in', Key: 'items' };

describe('Distributed Map: ItemReader', () => {
  it('reads a JSON array, JSON Lines, and caps them with MaxItems / MaxItemsPath', async () => {
    const s3 = { 'in/items': '[{"a":1},{"a":2},{"a":3}]', 'in/lines': '{"a":1}\n{"a":2}\n\n' };
    const json = await runWorkflow(mapOf({ ItemReader: reader({ InputType: 'JSON' }) }), at, { s3 });
    assert.deepEqual(json.output, [{ a: 1 }, { a: 2 }, { a: 3 }]);
    const lines = await runWorkflow(
      mapOf({ ItemReader: reader({ InputType: 'JSONL' }) }),
      { ...at, Key: 'lines' },
      { s3 },
    );
    assert.deepEqual(lines.output, [{ a: 1 }, { a: 2 }]);
    const capped = await runWorkflow(
      mapOf({ ItemReader: reader({ InputType: 'JSON', MaxItemsPath: '$.max' }) }),
      { ...at, max: 2 },
      { s3 },
    );
    assert.deepEqual(capped.output, [{ a: 1 }, { a: 2 }]);
    // A numeric string through MaxItemsPath counts, as AWS takes it (the corpus' map_state_reference_in_max_items_path).
    const fromString = await runWorkflow(
      mapOf({ ItemReader: reader({ InputType: 'JSON', MaxItemsPath: '$.max' }) }),
      { ...at, max: '1' },
      { s3 },
    );
    assert.deepEqual(fromString.output, [{ a: 1 }]);
  });
  it('reads CSV with the header row or given headers (values stay strings, quotes respected)', async () => {
    const s3 = { 'in/items': 'sku,qty\n"A,1",2\nB,"say ""hi"""\n', 'in/bare': 'A|2\nB|3\n' };
    const first = await runWorkflow(
      mapOf({ ItemReader: reader({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }) }),
      at,
      { s3 },
    );
    assert.deepEqual(first.output, [
      { sku: 'A,1', qty: '2' },
      { sku: 'B', qty: 'say "hi"' },
    ]);
    const given = await runWorkflow(
      mapOf({
        ItemReader: reader({
          InputType: 'CSV',
          CSVHeaderLocation: 'GIVEN',
          CSVHeaders: ['sku', 'qty'],
          CSVDelimiter: 'PIPE',
        }),
      }),
      { ...at, Key: 'bare' },
      { s3 },
    );
    assert.deepEqual(given.output, [
      { sku: 'A', qty: '2' },
      { sku: 'B', qty: '3' },
    ]);
  });
  it('lists a bucket with listObjectsV2 (prefix), and reads an S3 inventory manifest', async () => {
    const s3 = new MemoryS3({ 'in/p/b': 'bb', 'in/p/a': 'a', 'in/q/c': 'c' });
    const listed = await runWorkflow(
      mapOf({
        ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'in', Prefix: 'p/' } },
        ItemSelector: { 'key.$': '$$.Map.Item.Value.Key', 'size.$': '$$.Map.Item.Value.Size' },
      }),
      {},
      { s3 },
    );
    assert.deepEqual(listed.output, [
      { key: 'p/a', size: 1 },
      { key: 'p/b', size: 2 },
    ]);
    s3.createBucket('inv');
    s3.put('inv', 'data/1.csv.gz', gzipSync('"in","p/a","1"\n"in","p/b","2"\n'));
    s3.put(
      'inv',
      'manifest.json',
      JSON.stringify({
        destinationBucket: 'arn:aws:s3:::inv',
        fileSchema: 'Bucket, Key, Size',
        files: [{ key: 'data/1.csv.gz' }],
      }),
    );
    const manifest = await runWorkflow(
      mapOf({ ItemReader: reader({ InputType: 'MANIFEST' }) }),
      { Bucket: 'inv', Key: 'manifest.json' },
      { s3 },
    );
    assert.deepEqual(manifest.output, [
      { Bucket: 'in', Key: 'p/a', Size: '1' },
      { Bucket: 'in', Key: 'p/b', Size: '2' },
    ]);
  });
  it('fails with States.ItemReaderFailed for a missing object or one that is not a JSON array', async () => {
    const missing = await runWorkflow(mapOf({ ItemReader: reader({ InputType: 'JSON' }) }), at, { s3: { 'in/': '' } });
    assert.equal(missing.error, 'States.ItemReaderFailed');
    assert.match(missing.cause ?? '', /key does not exist/);
    const notArray = await runWorkflow(mapOf({ ItemReader: reader({ InputType: 'JSON' }) }), at, {
      s3: { 'in/items': '{}' },
    });
    assert.equal(notArray.error, 'States.ItemReaderFailed');
  });
  it('reads with JSONata Arguments', async () => {
    const run = await runWorkflow(
      machine(
        {
          M: {
            Type: 'Map',
            ItemReader: {
              Resource: 'arn:aws:states:::s3:getObject',
              ReaderConfig: { InputType: 'JSON', MaxItems: '{% 1 %}' },
              Arguments: { Bucket: '{% $states.input.Bucket %}', Key: 'items' },
            },
            ItemProcessor: passItem,
            End: true,
          },
        },
        { QueryLanguage: 'JSONata' },
      ),
      at,
      { s3: { 'in/items': '[1,2]' } },
    );
    assert.deepEqual(run.output, [1]);
  });
});

describe('Distributed Map: ItemBatcher', () => {
  it('groups items by MaxItemsPerBatch with BatchInput, and by MaxInputBytesPerBatch', async () => {
    const items = [1, 2, 3, 4, 5];
    const byCount = await runWorkflow(
      mapOf({ ItemsPath: '$.items', ItemBatcher: { MaxItemsPerBatchPath: '$.per', BatchInput: { 'tag.$': '$.tag' } } }),
      { items, per: 2, tag: 't' },
    );
    assert.deepEqual(byCount.output, [
      { BatchInput: { tag: 't' }, Items: [1, 2] },
      { BatchInput: { tag: 't' }, Items: [3, 4] },
      { BatchInput: { tag: 't' }, Items: [5] },
    ]);
    // {"Items":[1,2]} is 15 bytes; a third item would make it 17.
    const byBytes = await runWorkflow(mapOf({ ItemBatcher: { MaxInputBytesPerBatch: 16 } }), items);
    assert.deepEqual(byBytes.output, [{ Items: [1, 2] }, { Items: [3, 4] }, { Items: [5] }]);
  });
  it('reads JSONata ItemBatcher fields and BatchInput with $states.context', async () => {
    const run = await runWorkflow(
      machine(
        {
          M: {
            Type: 'Map',
            Items: '{% $states.input.items %}',
            ItemBatcher: {
              MaxItemsPerBatch: '{% $states.input.per %}',
              BatchInput: { at: '{% $states.context.State.EnteredTime %}' },
            },
            ItemProcessor: passItem,
            End: true,
          },
        },
        { QueryLanguage: 'JSONata' },
      ),
      { items: ['a', 'b', 'c'], per: 2 },
    );
    const at = '2026-01-01T00:00:00.000Z';
    assert.deepEqual(run.output, [
      { BatchInput: { at }, Items: ['a', 'b'] },
      { BatchInput: { at }, Items: ['c'] },
    ]);
  });
  it('refuses ItemReader/ItemBatcher/ResultWriter on an INLINE Map (a definition mistake)', async () => {
    await assert.rejects(
      runWorkflow(
        machine({
          M: {
            Type: 'Map',
            ItemBatcher: { MaxItemsPerBatch: 1 },
            ItemProcessor: machine({ P: { Type: 'Pass', End: true } }),
            End: true,
          },
        }),
        [],
      ),
      { name: 'RunnerError', message: /ItemBatcher, which only a DISTRIBUTED Map may have/ },
    );
  });
});

describe('Distributed Map: ResultWriter, tolerance, events', () => {
  const failOdd = distributed({
    C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'Bad' }], Default: 'Ok' },
    Bad: { Type: 'Fail', Error: 'Item.Bad', Cause: 'one' },
    Ok: { Type: 'Pass', End: true },
  });
  it('writes manifest.json and SUCCEEDED/FAILED files under Prefix/<map run id>/; outputs ResultWriterDetails', async () => {
    const run = await runWorkflow(
      mapOf(
        {
          Label: 'Jobs',
          ToleratedFailureCount: 1,
          ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', Prefix: 'runs' } },
        },
        failOdd,
      ),
      [{ n: 0 }, { n: 1 }, { n: 2 }],
      { s3: { 'out/': '' }, context: { executionName: 'e-1' } },
    );
    assert.equal(run.status, 'SUCCEEDED');
    const output = run.output as { MapRunArn: string; ResultWriterDetails: { Bucket: string; Key: string } };
    assert.match(
      output.MapRunArn,
      /^arn:aws:states:us-east-1:000000000000:mapRun:stepforge-testing\/Jobs:[0-9a-f-]{36}$/,
    );
    const runId = output.MapRunArn.split(':').at(-1);
    assert.deepEqual(output.ResultWriterDetails, { Bucket: 'out', Key: `runs/${runId}/manifest.json` });
    const manifest = JSON.parse(run.s3.text('out', `runs/${runId}/manifest.json`)) as JsonObject;
    assert.equal(manifest.MapRunArn, output.MapRunArn);
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(manifest.ResultFiles as Record<string, { Key: string }[]>).map(([k, v]) => [
          k,
          v.map((f) => f.Key),
        ]),
      ),
      { FAILED: [`runs/${runId}/FAILED_0.json`], PENDING: [], SUCCEEDED: [`runs/${runId}/SUCCEEDED_0.json`] },
    );
    const succeeded = JSON.parse(run.s3.text('out', `runs/${runId}/SUCCEEDED_0.json`)) as JsonObject[];
    assert.deepEqual(
      succeeded.map((child) => [child.Status, child.Input, child.Output]),
      [
        ['SUCCEEDED', '{"n":0}', '{"n":0}'],
        ['SUCCEEDED', '{"n":2}', '{"n":2}'],
      ],
    );
    const failed = JSON.parse(run.s3.text('out', `runs/${runId}/FAILED_0.json`)) as JsonObject[];
    assert.deepEqual(
      failed.map((child) => [child.Status, child.Error, child.Cause]),
      [['FAILED', 'Item.Bad', 'one']],
    );
    const types = eventTypes(run);
    assert.deepEqual(types.slice(1, 4), ['MapStateEntered', 'MapStateStarted', 'MapRunStarted']);
    assert.deepEqual(types.slice(-4), ['MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
    assert.deepEqual(run.events[3]?.mapRunStartedEventDetails, { mapRunArn: output.MapRunArn });
    // Each item ran as a child execution with a history of its own; the parent's shows none of their events.
    assert.ok(
      !types.some((type) => type.startsWith('MapIteration') || type.startsWith('Pass') || type.startsWith('Choice')),
    );
    const [mapRun] = run.mapRuns;
    assert.equal(mapRun?.mapRunArn, output.MapRunArn);
    const children = [...(mapRun?.executions ?? [])].sort((left, right) => left.index - right.index);
    assert.deepEqual(
      children.map((child) => [child.status, child.events[0]?.type, child.events.at(-1)?.type]),
      [
        ['SUCCEEDED', 'ExecutionStarted', 'ExecutionSucceeded'],
        ['FAILED', 'ExecutionStarted', 'ExecutionFailed'],
        ['SUCCEEDED', 'ExecutionStarted', 'ExecutionSucceeded'],
      ],
    );
    assert.deepEqual(children[1]?.events.at(-1)?.executionFailedEventDetails, { error: 'Item.Bad', cause: 'one' });
    assert.equal(children[0]?.events[1]?.previousEventId, 0);
    assert.equal(succeeded[0]?.ExecutionArn, children[0]?.executionArn);
  });
  it('COMPACT / FLATTEN transformations without a Resource give the results inline', async () => {
    const compact = await runWorkflow(
      mapOf({ ResultWriter: { WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSON' } } }),
      [[1, 2], [3]],
    );
    assert.deepEqual(compact.output, [1, 2, 3]);
  });
  it('fails with States.ResultWriterFailed when the bucket does not exist', async () => {
    const run = await runWorkflow(
      mapOf({ ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'nowhere' } } }),
      [1],
    );
    assert.equal(run.error, 'States.ResultWriterFailed');
    assert.deepEqual(eventTypes(run).slice(-3), ['MapRunFailed', 'MapStateFailed', 'ExecutionFailed']);
  });
  it('reads ToleratedFailureCountPath / ToleratedFailurePercentagePath and MaxConcurrencyPath', async () => {
    const items = [{ n: 1 }, { n: 1 }, { n: 0 }, { n: 0 }];
    const byCount = (count: number) =>
      runWorkflow(
        mapOf({ ItemsPath: '$.items', ToleratedFailureCountPath: '$.count', MaxConcurrencyPath: '$.width' }, failOdd),
        { items, count, width: 1 },
      );
    assert.equal((await byCount(2)).status, 'SUCCEEDED');
    const exceeded = await byCount(1);
    assert.equal(exceeded.error, 'States.ExceedToleratedFailureThreshold');
    assert.deepEqual(
      eventTypes(exceeded).filter((type) => type.startsWith('MapRun')),
      ['MapRunStarted', 'MapRunFailed'],
    );
    const byPercentage = await runWorkflow(
      mapOf({ ItemsPath: '$.items', ToleratedFailurePercentagePath: '$.pct' }, failOdd),
      { items, pct: 50 },
    );
    assert.equal(byPercentage.status, 'SUCCEEDED');
    // Both given: exceeding either one fails the Map Run.
    const both = await runWorkflow(
      mapOf({ ItemsPath: '$.items', ToleratedFailureCount: 5, ToleratedFailurePercentage: 25 }, failOdd),
      { items },
    );
    assert.equal(both.error, 'States.ExceedToleratedFailureThreshold');
  });
  it('refuses an invalid Label', async () => {
    await assert.rejects(runWorkflow(mapOf({ Label: 'has space' }), []), {
      name: 'RunnerError',
      message: /invalid Label/,
    });
  });
});

describe('aws-sdk:s3 tasks on the run S3', () => {
  it('a workflow reads and writes the same store as its Map and the test (no mock needed once s3 is given)', async () => {
    const task = (action: string, parameters: JsonObject, next?: string): JsonObject => ({
      Type: 'Task',
      Resource: `arn:aws:states:::aws-sdk:s3:${action}`,
      Parameters: parameters,
      ...(next ? { Next: next, ResultPath: `$.${action}` } : { End: true }),
    });
    const run = await runWorkflow(
      machine({
        Put: task('putObject', { Bucket: 'b', Key: 'k', 'Body.$': '$.text' }, 'Get'),
        Get: task('getObject', { Bucket: 'b', Key: 'k' }, 'Missing'),
        Missing: {
          ...task('getObject', { Bucket: 'b', Key: 'none' }),
          Catch: [{ ErrorEquals: ['S3.NoSuchKeyException'], Next: 'Caught', ResultPath: '$.error' }],
        },
        Caught: { Type: 'Pass', End: true },
      }),
      { text: 'hello' },
      { s3: { 'b/': '' } },
    );
    assert.equal(run.status, 'SUCCEEDED');
    const output = run.output as { getObject: { Body: string }; error: { Error: string } };
    assert.equal(output.getObject.Body, 'hello');
    assert.equal(output.error.Error, 'S3.NoSuchKeyException');
    assert.deepEqual(run.s3.toRecord(), { 'b/k': 'hello' });
  });
  it('without the s3 option an aws-sdk:s3 Task still needs a mock', async () => {
    const definition = machine({ G: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:getObject', End: true } });
    await assert.rejects(runWorkflow(definition, {}), {
      name: 'RunnerError',
      message: /"G" was reached but has no mock/,
    });
  });
});
