// ResultWriter WriterConfig.Transformation as the AWS guide documents it, and the error a Distributed Map's items
// give when they are not an array (from the state input, from JSONata Items, or from an ItemReader's file).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runWorkflow } from '../../src/testing/index.ts';
import type { JsonObject } from '../../src/testing/json.ts';
import { eventTypes, machine } from './support.ts';

const distributed = { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } };
// Item 1 fails; the others return [n, n] so that FLATTEN has arrays to spread.
const pairOrFail = machine(
  {
    C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'Bad' }], Default: 'Pair' },
    Bad: { Type: 'Fail', Error: 'Item.Bad', Cause: 'one' },
    Pair: { Type: 'Pass', Parameters: { 'pair.$': 'States.Array($.n, $.n)' }, OutputPath: '$.pair', End: true },
  },
  distributed,
);
const items = [{ n: 0 }, { n: 1 }, { n: 2 }];

async function written(transformation: string): Promise<{ succeeded: unknown[]; failed: JsonObject[] }> {
  const run = await runWorkflow(
    machine({
      M: {
        Type: 'Map',
        ItemProcessor: pairOrFail,
        ToleratedFailureCount: 1,
        ResultWriter: {
          Resource: 'arn:aws:states:::s3:putObject',
          Parameters: { Bucket: 'out', Prefix: 'runs' },
          WriterConfig: { Transformation: transformation, OutputType: 'JSON' },
        },
        End: true,
      },
    }),
    items,
    { s3: { 'out/': '' } },
  );
  assert.equal(run.status, 'SUCCEEDED');
  const manifestKey = (run.output as { ResultWriterDetails: { Key: string } }).ResultWriterDetails.Key;
  const folder = manifestKey.slice(0, -'manifest.json'.length);
  return {
    succeeded: JSON.parse(run.s3.text('out', `${folder}SUCCEEDED_0.json`)) as unknown[],
    failed: JSON.parse(run.s3.text('out', `${folder}FAILED_0.json`)) as JsonObject[],
  };
}

describe('ResultWriter transformations', () => {
  it('COMPACT writes each succeeded child output as is; FLATTEN spreads the arrays', async () => {
    assert.deepEqual((await written('COMPACT')).succeeded, [
      [0, 0],
      [2, 2],
    ]);
    assert.deepEqual((await written('FLATTEN')).succeeded, [0, 0, 2, 2]);
  });
  it('a failed child is written unchanged, as NONE writes it, whatever the transformation', async () => {
    // The guide's note under WriterConfig: a failed child execution's result is returned unchanged, as if
    // Transformation were NONE (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).
    const none = (await written('NONE')).failed;
    for (const transformation of ['COMPACT', 'FLATTEN']) {
      const { failed } = await written(transformation);
      assert.deepEqual(
        failed.map((child) => [child.Status, child.Error, child.Cause, child.Input]),
        [['FAILED', 'Item.Bad', 'one', '{"n":1}']],
      );
      assert.deepEqual(Object.keys(failed[0] ?? {}), Object.keys(none[0] ?? {}));
    }
  });
});

describe('Map items that are not an array', () => {
  const pass = machine({ P: { Type: 'Pass', End: true } });
  it('from the state input (JSONPath) or JSONata Items: States.QueryEvaluationError after EvaluationFailed', async () => {
    // LocalStack's state_map.py, built from snapshots recorded on AWS: "Map state input must be an array".
    const byPath = await runWorkflow(machine({ M: { Type: 'Map', ItemProcessor: pass, End: true } }), { a: 1 });
    assert.equal(byPath.error, 'States.QueryEvaluationError');
    assert.match(byPath.cause ?? '', /Map state input must be an array but was: object/);
    assert.deepEqual(eventTypes(byPath), [
      'ExecutionStarted',
      'MapStateEntered',
      'EvaluationFailed',
      'MapStateFailed',
      'ExecutionFailed',
    ]);
    const byJsonata = await runWorkflow(
      machine(
        { M: { Type: 'Map', Items: '{% $states.input.name %}', ItemProcessor: pass, End: true } },
        { QueryLanguage: 'JSONata' },
      ),
      { name: 'x' },
    );
    assert.equal(byJsonata.error, 'States.QueryEvaluationError');
    assert.equal(
      byJsonata.cause,
      `The JSONata expression '$states.input.name' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'string' for value: "x"`,
    );
  });
  it('from an ItemReader file: States.ItemReaderFailed, inside the Map Run', async () => {
    const run = await runWorkflow(
      machine({
        M: {
          Type: 'Map',
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { InputType: 'JSON' },
            Parameters: { Bucket: 'in', Key: 'object.json' },
          },
          ItemProcessor: machine({ P: { Type: 'Pass', End: true } }, distributed),
          End: true,
        },
      }),
      {},
      { s3: { 'in/object.json': '{"items":[1]}' } },
    );
    assert.equal(run.error, 'States.ItemReaderFailed');
    assert.match(run.cause ?? '', /does not hold a JSON array/);
    assert.deepEqual(eventTypes(run).slice(-4), ['MapRunStarted', 'MapRunFailed', 'MapStateFailed', 'ExecutionFailed']);
  });
});
