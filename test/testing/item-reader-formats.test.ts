// ItemReader formats beyond an array file: ReaderConfig.ItemsPointer (a JSON Pointer to the array inside a JSON
// object file), InputType PARQUET (a row per item, read with the optional hyparquet package), and readers over many
// objects (listObjectsV2 with LOAD_AND_FLATTEN, an Athena data manifest).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { runWorkflow } from '../../src/testing/index.ts';
import type { JsonObject } from '../../src/testing/json.ts';
import { machine } from './support.ts';

/** A Distributed Map of Pass reading `s3://in/<$.key>` (or the listing `reader` gives instead). */
const readerMap = (config: JsonObject, reader: JsonObject = {}): JsonObject =>
  machine({
    M: {
      Type: 'Map',
      ItemReader: {
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: config,
        Parameters: { Bucket: 'in', 'Key.$': '$.key' },
        ...reader,
      },
      ItemProcessor: machine(
        { P: { Type: 'Pass', End: true } },
        { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
      ),
      End: true,
    },
  });

const document = JSON.stringify({ meta: { count: 2 }, data: { 'a/b': [{ id: 1 }, { id: 2 }], 'm~n': [3] } });

describe('ItemReader ReaderConfig.ItemsPointer', () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html (ReaderConfig: ItemsPointer,
  // JSON Pointer syntax, RFC 6901: "~1" is "/", "~0" is "~").
  it('selects the array inside a JSON object file, escapes included, before MaxItems', async () => {
    const s3 = { 'in/doc.json': document };
    const nested = await runWorkflow(
      readerMap({ InputType: 'JSON', ItemsPointer: '/data/a~1b' }),
      { key: 'doc.json' },
      { s3 },
    );
    assert.deepEqual(nested.output, [{ id: 1 }, { id: 2 }]);
    const tilde = await runWorkflow(
      readerMap({ InputType: 'JSON', ItemsPointer: '/data/m~0n' }),
      { key: 'doc.json' },
      { s3 },
    );
    assert.deepEqual(tilde.output, [3]);
    const capped = await runWorkflow(
      readerMap({ InputType: 'JSON', ItemsPointer: '/data/a~1b', MaxItems: 1 }),
      { key: 'doc.json' },
      { s3 },
    );
    assert.deepEqual(capped.output, [{ id: 1 }]);
  });
  it('a pointer to nothing, or to something not an array, is States.ItemReaderFailed', async () => {
    const s3 = { 'in/doc.json': document };
    for (const pointer of ['/data/missing', '/meta', 'data']) {
      const run = await runWorkflow(
        readerMap({ InputType: 'JSON', ItemsPointer: pointer }),
        { key: 'doc.json' },
        { s3 },
      );
      assert.equal(run.error, 'States.ItemReaderFailed', pointer);
    }
  });
});

describe('ItemReader InputType PARQUET', () => {
  // test/fixtures/parquet/items.parquet: 3 rows of id INT32, name STRING, price DOUBLE, active BOOLEAN, written
  // with hyparquet-writer 0.17.0 (default SNAPPY codec).
  const parquet = readFileSync(new URL('../fixtures/parquet/items.parquet', import.meta.url));
  it('gives each row as an object of its columns, and honours MaxItems', async () => {
    const s3 = { 'in/items.parquet': new Uint8Array(parquet) };
    const run = await runWorkflow(readerMap({ InputType: 'PARQUET' }), { key: 'items.parquet' }, { s3 });
    assert.equal(run.status, 'SUCCEEDED', run.cause);
    assert.deepEqual(run.output, [
      { id: 1, name: 'alpha', price: 1.5, active: true },
      { id: 2, name: 'beta', price: 2.25, active: false },
      { id: 3, name: 'gamma', price: 3, active: true },
    ]);
    const capped = await runWorkflow(
      readerMap({ InputType: 'PARQUET', MaxItems: 2 }),
      { key: 'items.parquet' },
      { s3 },
    );
    assert.equal((capped.output as unknown[]).length, 2);
  });
  it('a file that is not Parquet is States.ItemReaderFailed', async () => {
    const run = await runWorkflow(
      readerMap({ InputType: 'PARQUET' }),
      { key: 'x.parquet' },
      { s3: { 'in/x.parquet': 'not parquet' } },
    );
    assert.equal(run.error, 'States.ItemReaderFailed');
  });
});

describe('ItemReader over many objects', () => {
  it('listObjectsV2 with Transformation LOAD_AND_FLATTEN gives the items of every listed object', async () => {
    const run = await runWorkflow(
      readerMap(
        { InputType: 'JSONL', Transformation: 'LOAD_AND_FLATTEN' },
        { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'in', Prefix: 'parts/' } },
      ),
      {},
      {
        s3: { 'in/parts/a.jsonl': '{"n":1}\n{"n":2}\n', 'in/parts/b.jsonl': '{"n":3}\n', 'in/other.jsonl': '{"n":9}' },
      },
    );
    assert.deepEqual(run.output, [{ n: 1 }, { n: 2 }, { n: 3 }]);
  });
  it('ManifestType ATHENA_DATA reads the result files an Athena manifest lists, as InputType', async () => {
    const parquet = new Uint8Array(readFileSync(new URL('../fixtures/parquet/items.parquet', import.meta.url)));
    const run = await runWorkflow(
      readerMap({ ManifestType: 'ATHENA_DATA', InputType: 'PARQUET', MaxItems: 4 }),
      { key: 'query-manifest.csv' },
      {
        s3: {
          'in/query-manifest.csv': 's3://results/q/1.parquet\ns3://results/q/2.parquet\n',
          'results/q/1.parquet': parquet,
          'results/q/2.parquet': parquet,
        },
      },
    );
    assert.deepEqual(
      (run.output as { id: number }[]).map((row) => row.id),
      [1, 2, 3, 1],
    );
  });
});
