import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arn, jsonata, placeholder, steps, workflow } from '../../src/dsl/index.ts';

interface Input {
  orders: { id: string; lines: number }[];
  limit: number;
  bucket: string;
}

describe('Parallel', () => {
  it('renders branches (callbacks, chains, single states) and the result fields', () => {
    const wf = workflow<Input>('parallel');
    const prebuilt = steps.pass('B2').next(steps.succeed('B2Done'));
    wf.parallel('Both', ({ result }) => ({
      comment: 'fan out',
      inputPath: '$',
      parameters: { n: 1 },
      branches: [(branch) => branch.pass('B1'), prebuilt, steps.wait('B3', { seconds: 1 })],
      resultSelector: { first: result[0] },
      resultPath: '$.both',
      outputPath: '$',
      assign: { done: true },
    }))
      .retry({ maxAttempts: 1 })
      .catch((handler) => handler.fail('Broken'));
    assert.deepStrictEqual(wf.toAsl().States.Both, {
      Type: 'Parallel',
      Comment: 'fan out',
      InputPath: '$',
      Parameters: { n: 1 },
      Branches: [
        { StartAt: 'B1', States: { B1: { Type: 'Pass', End: true } } },
        { StartAt: 'B2', States: { B2: { Type: 'Pass', Next: 'B2Done' }, B2Done: { Type: 'Succeed' } } },
        { StartAt: 'B3', States: { B3: { Type: 'Wait', Seconds: 1, End: true } } },
      ],
      ResultSelector: { 'first.$': '$[0]' },
      ResultPath: '$.both',
      OutputPath: '$',
      Assign: { done: true },
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1 }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Broken' }],
      End: true,
    });
  });

  it('renders JSONata Arguments and Output', () => {
    const wf = workflow<Input>('parallel-jsonata', { queryLanguage: 'JSONata' });
    wf.parallel('Both', ({ input, result }) => ({
      arguments: { limit: input.limit },
      branches: [(branch) => branch.pass('A')],
      output: { first: result[0] },
    }));
    assert.deepStrictEqual(wf.toAsl().States.Both, {
      Type: 'Parallel',
      Arguments: { limit: '{% $states.input.limit %}' },
      Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }],
      Output: { first: '{% $states.result[0] %}' },
      End: true,
    });
  });
});

describe('Map', () => {
  it('renders an inline Map with ItemsPath, ItemSelector, MaxConcurrency and the result fields', () => {
    const wf = workflow<Input>('map-inline');
    wf.map(
      'Each',
      ({ input, item, index }) => ({
        comment: 'per order',
        items: input.orders,
        itemSelector: { order: item, position: index, limit: input.limit },
        maxConcurrency: 4,
        resultPath: '$.results',
      }),
      (order) => order.pass('One', ({ input }) => ({ parameters: { id: input.order.id } })),
    );
    assert.deepStrictEqual(wf.toAsl().States.Each, {
      Type: 'Map',
      Comment: 'per order',
      ItemsPath: '$.orders',
      ItemSelector: { 'order.$': '$$.Map.Item.Value', 'position.$': '$$.Map.Item.Index', 'limit.$': '$.limit' },
      MaxConcurrency: 4,
      ItemProcessor: {
        StartAt: 'One',
        States: { One: { Type: 'Pass', Parameters: { 'id.$': '$.order.id' }, End: true } },
      },
      ResultPath: '$.results',
      End: true,
    });
  });

  it('renders a distributed Map: ItemReader, ItemBatcher, ResultWriter, tolerated failures, Label, ProcessorConfig', () => {
    const wf = workflow<Input>('map-distributed');
    wf.map(
      'Distributed',
      ({ input }) => ({
        itemReader: {
          resource: arn.s3ListObjectsV2,
          readerConfig: { MaxItems: 100 },
          parameters: { Bucket: input.bucket, Prefix: 'in/' },
        },
        itemBatcher: { maxItemsPerBatch: 10, maxInputBytesPerBatchPath: '$.bytes', batchInput: { run: input.limit } },
        maxConcurrencyPath: '$.limit',
        toleratedFailureCount: 3,
        toleratedFailurePercentagePath: '$.percent',
        label: 'Files',
        processorConfig: { mode: 'DISTRIBUTED', executionType: 'EXPRESS' },
        resultWriter: {
          resource: arn.s3PutObject,
          parameters: { Bucket: placeholder.bucket('results'), Prefix: 'out' },
        },
      }),
      (file) => file.task('Handle', { resource: arn.lambdaInvoke() }),
    );
    assert.deepStrictEqual(wf.toAsl().States.Distributed, {
      Type: 'Map',
      ItemReader: {
        Resource: 'arn:aws:states:::s3:listObjectsV2',
        ReaderConfig: { MaxItems: 100 },
        Parameters: { 'Bucket.$': '$.bucket', Prefix: 'in/' },
      },
      ItemBatcher: { MaxItemsPerBatch: 10, MaxInputBytesPerBatchPath: '$.bytes', BatchInput: { 'run.$': '$.limit' } },
      MaxConcurrencyPath: '$.limit',
      ToleratedFailureCount: 3,
      ToleratedFailurePercentagePath: '$.percent',
      Label: 'Files',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
        StartAt: 'Handle',
        States: { Handle: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } },
      },
      ResultWriter: {
        Resource: 'arn:aws:states:::s3:putObject',
        Parameters: { Bucket: '${bucket:results}', Prefix: 'out' },
      },
      End: true,
    });
    assert.deepStrictEqual(wf.resources().buckets, ['results']);
  });

  it('names ItemReader/ResultWriter payloads by the effective language (Arguments in JSONata)', () => {
    const wf = workflow<Input>('map-jsonata', { queryLanguage: 'JSONata' });
    const reader = {
      resource: arn.s3GetObject,
      readerConfig: { InputType: 'JSON' },
      parameters: { Bucket: 'b', Key: 'k' },
    };
    const writer = { resource: arn.s3PutObject, parameters: { Bucket: 'out' } };
    wf.map('Inherits', { itemReader: reader, resultWriter: writer, toleratedFailurePercentage: 5 }, steps.pass('I1'));
    wf.map('Overrides', { queryLanguage: 'JSONPath', itemReader: reader, resultWriter: writer }, steps.pass('I2'));
    const states = wf.toAsl().States;
    assert.deepStrictEqual(states.Inherits.ItemReader, {
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'JSON' },
      Arguments: { Bucket: 'b', Key: 'k' },
    });
    assert.deepStrictEqual(states.Inherits.ResultWriter, {
      Resource: 'arn:aws:states:::s3:putObject',
      Arguments: { Bucket: 'out' },
    });
    assert.equal(states.Inherits.ToleratedFailurePercentage, 5);
    assert.deepStrictEqual(states.Overrides.ItemReader, {
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'JSON' },
      Parameters: { Bucket: 'b', Key: 'k' },
    });
    assert.deepStrictEqual(states.Overrides.ResultWriter, {
      Resource: 'arn:aws:states:::s3:putObject',
      Parameters: { Bucket: 'out' },
    });
    assert.equal(states.Overrides.QueryLanguage, 'JSONPath');
  });

  it('renders JSONata Items (array, reference, expression) and expression limits', () => {
    const wf = workflow<Input>('map-items', { queryLanguage: 'JSONata' });
    wf.map('Literal', { items: [1, 2, 3] }, steps.pass('L'));
    wf.map(
      'Ref',
      ({ input }) => ({
        items: input.orders,
        maxConcurrency: input.limit,
        itemSelector: { id: jsonata`$states.context.Map.Item.Value.id` },
      }),
      steps.pass('R'),
    );
    wf.map(
      'Expr',
      ({ input }) => ({ items: jsonata<number[]>`[1..${input.limit}]`, toleratedFailureCount: jsonata<number>`1` }),
      steps.pass('E'),
    );
    const states = wf.toAsl().States;
    assert.deepStrictEqual(states.Literal.Items, [1, 2, 3]);
    assert.equal(states.Ref.Items, '{% $states.input.orders %}');
    assert.equal(states.Ref.MaxConcurrency, '{% $states.input.limit %}');
    assert.deepStrictEqual(states.Ref.ItemSelector, { id: '{% $states.context.Map.Item.Value.id %}' });
    assert.equal(states.Expr.Items, '{% [1..$states.input.limit] %}');
    assert.equal(states.Expr.ToleratedFailureCount, '{% 1 %}');
  });

  it('renders the legacy Iterator and Parameters forms', () => {
    const wf = workflow<Input>('map-legacy');
    wf.map(
      'Old',
      {
        itemsPath: '$.orders',
        parameters: { 'order.$': '$$.Map.Item.Value' },
        maxConcurrency: 1,
        legacyIterator: true,
      },
      steps.pass('Body'),
    );
    assert.deepStrictEqual(wf.toAsl().States.Old, {
      Type: 'Map',
      ItemsPath: '$.orders',
      Parameters: { 'order.$': '$$.Map.Item.Value' },
      MaxConcurrency: 1,
      Iterator: { StartAt: 'Body', States: { Body: { Type: 'Pass', End: true } } },
      End: true,
    });
  });

  it('refuses to render a Map without a processor, naming it', () => {
    const wf = workflow('map-no-processor');
    wf.map('Empty', { itemsPath: '$' });
    assert.throws(() => wf.toAsl(), /Map "Empty" has no item processor \(.*parallel-map\.test\.ts:\d+:\d+\)/);
  });
});
