// Type claims of the DSL, checked by tsc (test/dsl/types.test.ts). Each `@ts-expect-error` must be needed: if a
// claim stops holding, the unused directive is itself an error and the test fails.
/// <reference path="../fixtures/user-project/stepforge-env.d.ts" />
// (the fixture project's declaration of its actions and task, as a project's own `stepforge-env.d.ts` does)
import { Condition, jsonata, shape, States, workflow } from '../../src/dsl/index.ts';

interface Order {
  order: { id: string; total: number; items: { sku: string; qty: number }[] };
  archive: { files: { source: string }[] };
}

const wf = workflow<Order>('claims');
const jsonataWf = workflow<Order>('claims-jsonata', { queryLanguage: 'JSONata' });

// A misspelt input field is a compile error.
wf.pass('Typo', ({ input }) => ({
  // @ts-expect-error `idd` is not a field of Order.order
  parameters: { id: input.order.idd },
}));
wf.pass('Fine', ({ input }) => ({ parameters: { id: input.order.id, first: input.order.items[0].sku } }));

// The query language is part of a state's type.
// @ts-expect-error Parameters on a JSONata state
wf.pass('JsonataWithParameters', { queryLanguage: 'JSONata', parameters: { a: 1 } });
// @ts-expect-error ResultSelector on a JSONata state
wf.task('JsonataWithSelector', { queryLanguage: 'JSONata', resource: 'arn:x', resultSelector: { a: 1 } });
// @ts-expect-error InputPath in a JSONata workflow's state
jsonataWf.pass('InheritedJsonata', { inputPath: '$.order' });
// @ts-expect-error Arguments on a JSONPath state
wf.task('JsonPathWithArguments', { resource: 'arn:x', arguments: { a: 1 } });
// @ts-expect-error Output on a JSONPath state
wf.pass('JsonPathWithOutput', { output: { a: 1 } });
jsonataWf.pass('JsonataOutput', ({ input }) => ({ output: { total: input.order.total } }));
wf.task('MixedIsFine', { queryLanguage: 'JSONata', resource: 'arn:x', arguments: { a: jsonata`1 + 1` } });
// @ts-expect-error intrinsic functions do not exist in JSONata
jsonataWf.pass('IntrinsicInJsonata', { output: { id: States.UUID() } });

// Task containers take their container's input.
// @ts-expect-error `files` must be an array of { source, destination? }
wf.zipArchive('WrongFiles', { input: { files: 'all of them' } });
wf.zipArchive('Archive', ({ input }) => ({ input: { files: input.archive.files } }));
// @ts-expect-error `bucket` must be a string, not a number
wf.listAndPublish('WrongBucket', ({ input }) => ({ input: { bucket: input.order.total, queueUrl: 'q' } }));
// @ts-expect-error `queueUrl` is required
wf.listAndPublish('MissingQueue', { input: { bucket: 'b' } });
// @ts-expect-error dispatch is 'queue' or 'activity'
wf.consume('WrongDispatch', { input: { queueUrl: 'q', action: { name: 'http-post' } }, dispatch: 'lambda' });

// A container's output flows to the next step.
wf.listAndPublish('Publish', { input: { bucket: 'b', queueUrl: 'q' } }).next((steps) =>
  steps.pass('AfterPublish', ({ input }) => ({
    // @ts-expect-error `publishd` is not a field of the list-and-publish output
    parameters: { count: input.published, typo: input.publishd },
  })),
);

// Nothing follows a terminal state.
// @ts-expect-error Succeed has no next()
wf.succeed('Done').next(wf.pass('Never'));
// @ts-expect-error a chain ending in Fail cannot continue
wf.pass('BeforeFail').next(wf.fail('Failed')).next(wf.pass('AfterFail'));

// Output types flow: Result, ResultPath merging, returns.
wf.pass('Fixed', { result: { n: 1 } }).next((steps) =>
  steps.pass('UsesFixed', ({ input }) => ({
    // @ts-expect-error `m` is not in { n }
    parameters: { n: input.n, m: input.m },
  })),
);
wf.task('Charge', { resource: 'arn:x', returns: shape<{ ok: boolean }>(), resultPath: '$.charge' }).next((steps) =>
  steps.pass('UsesCharge', ({ input }) => ({
    // @ts-expect-error the merged input has `charge.ok`, not `charge.okay`
    parameters: { ok: input.charge.ok, id: input.order.id, bad: input.charge.okay },
  })),
);

// Choice rules are typed by the compared value.
wf.choice('Route').when(({ input }) => Condition.numericGreaterThan(input.order.total, 10), wf.succeed('Large'));
// @ts-expect-error stringEquals on a number field
wf.choice('BadRoute').when(({ input }) => Condition.stringEquals(input.order.total, 'x'), wf.succeed('Never2'));
// @ts-expect-error a JSONata Choice takes a JSONata condition, not a JSONPath rule
jsonataWf.choice('JsonataRoute').when(Condition.isPresent('$.x'), jsonataWf.succeed('Present'));
jsonataWf
  .choice('JsonataRoute2')
  .when(({ input }) => jsonata<boolean>`${input.order.total} > 10`, jsonataWf.succeed('Big'));

// Variables flow from Assign.
wf.pass('Remember', ({ input }) => ({ assign: { total: input.order.total } })).next((steps) =>
  steps.pass('Recall', ({ vars }) => {
    // @ts-expect-error `totl` was never assigned
    const typo = vars.totl;
    return { parameters: { total: vars.total, typo } };
  }),
);

// Map items are typed: the processor's input is one element.
wf.map(
  'EachItem',
  ({ input }) => ({ items: input.order.items }),
  (item) =>
    item.pass('One', ({ input }) => {
      // @ts-expect-error `skew` is not a field of an item
      const bad = input.skew;
      return { parameters: { sku: input.sku, qty: input.qty, bad } };
    }),
);

// Retry and Catch exist only on Task, Parallel and Map.
// @ts-expect-error a Pass state cannot retry
wf.pass('NoRetry').retry({ maxAttempts: 2 });
wf.parallel('Both', { branches: [(b) => b.pass('Left'), (b) => b.pass('Right')] }).retry({ maxAttempts: 2 });

// Wait durations are numbers.
// @ts-expect-error a string field cannot be the number of seconds
wf.wait('BadWait', ({ input }) => ({ seconds: input.order.id }));
wf.wait('GoodWait', ({ input }) => ({ seconds: input.order.total }));

// @ts-expect-error OutputPath on a JSONata state
wf.wait('JsonataOutputPath', { queryLanguage: 'JSONata', seconds: 1, outputPath: '$.x' });

// A Parallel's result is the tuple of its branches' outputs; a Map's is the array of its processor's outputs.
wf.parallel('Tuple', {
  branches: [
    (branch) => branch.pass('First', { result: { a: 1 } }),
    (branch) => branch.pass('Second', { result: { b: 'x' } }),
  ],
  resultPath: '$.both',
}).next((steps) =>
  steps.pass('UsesTuple', ({ input }) => {
    // @ts-expect-error the first branch returned { a }, not { b }
    const wrong = input.both[0].b;
    return { parameters: { a: input.both[0].a, b: input.both[1].b, wrong } };
  }),
);
wf.map(
  'Collect',
  ({ input }) => ({ items: input.order.items, resultPath: '$.skus' }),
  (item) => item.pass('Sku', ({ input }) => ({ parameters: { sku: input.sku } })),
).next((steps) =>
  steps.pass('UsesSkus', ({ input }) => {
    // @ts-expect-error each element is { sku }, without qty
    const wrong = input.skus[0].qty;
    return { parameters: { first: input.skus[0].sku, wrong } };
  }),
);

// Declared queues: FIFO-ness shows in the name, for the queue and its DLQ; dead-letter options are spelt right.
workflow('claims-queues', {
  resources: {
    queues: [
      'plain',
      { name: 'jobs', deadLetter: { maxReceiveCount: 3 } },
      { name: 'ordered.fifo', fifo: true, deadLetter: { name: 'ordered-dead.fifo' } },
    ],
  },
});
// @ts-expect-error a FIFO queue's name must end in .fifo
workflow('claims-fifo-name', { resources: { queues: [{ name: 'jobs', fifo: true }] } });
workflow('claims-fifo-dlq', {
  // @ts-expect-error the DLQ of a FIFO queue is FIFO, so its name ends in .fifo
  resources: { queues: [{ name: 'jobs.fifo', fifo: true, deadLetter: { name: 'jobs-dead' } }] },
});
// @ts-expect-error misspelt dead-letter option
workflow('claims-dlq-typo', { resources: { queues: [{ name: 'jobs', deadLetter: { maxRecieveCount: 3 } }] } });
// @ts-expect-error maxReceiveCount is a number
workflow('claims-dlq-count', { resources: { queues: [{ name: 'jobs', deadLetter: { maxReceiveCount: '3' } }] } });

// Actions are typed by name: the built-ins, and a project's own declared in `interface Actions` (the fixture project
// test/fixtures/user-project declares greet, object-size and its task shout in stepforge-env.d.ts).
// @ts-expect-error s3-copy needs params.bucket
wf.action('CopyWithoutBucket', { input: { action: { name: 's3-copy' }, item: { bucket: 'b', key: 'k' } } });
wf.action('PostSlowly', {
  input: {
    // @ts-expect-error http-post's timeoutSeconds is a number
    action: { name: 'http-post', params: { url: 'u', timeoutSeconds: 'soon' } },
    item: { bucket: 'b', key: 'k' },
  },
});
// @ts-expect-error no action is named "teleport"
wf.action('Unknown', { input: { action: { name: 'teleport' }, item: { bucket: 'b', key: 'k' } } });
wf.action('Greet', ({ input }) => ({ input: { action: { name: 'greet', params: { name: input.order.id } } } }));
// @ts-expect-error greet's params.name is a string
wf.action('GreetNumber', ({ input }) => ({
  input: { action: { name: 'greet', params: { name: input.order.total } } },
}));
// @ts-expect-error greet's params.name is required
wf.action('GreetNobody', { input: { action: { name: 'greet', params: {} } } });
wf.action('GreetObject', {
  // @ts-expect-error greet takes no object
  input: { action: { name: 'greet', params: { name: 'a' } }, item: { bucket: 'b', key: 'k' } },
});
// @ts-expect-error object-size runs on an object: item is required
wf.action('SizeOfNothing', { input: { action: { name: 'object-size' } } });
// @ts-expect-error consume cannot run a params action
wf.consume('ConsumeGreet', { input: { queueUrl: 'q', action: { name: 'greet', params: { name: 'a' } } } });
// The action's own result types the step's output: greet's `greeting`, object-size's `result.size`.
wf.action('Greeted', { input: { action: { name: 'greet', params: { name: 'a' } } } }).next((steps) =>
  steps.pass('UseGreeting', ({ input }) => ({
    parameters: {
      text: input.greeting,
      // @ts-expect-error `greetin` is not a field of greet's result
      typo: input.greetin,
    },
  })),
);
wf.action('Sized', {
  input: { action: { name: 'object-size', params: { unit: 'kb' } }, item: { bucket: 'b', key: 'k' } },
}).next((steps) => steps.pass('UseSize', ({ input }) => ({ parameters: { size: input.result.size } })));
wf.action('SizedInMiles', {
  // @ts-expect-error object-size's unit is 'bytes' or 'kb'
  input: { action: { name: 'object-size', params: { unit: 'miles' } }, item: { bucket: 'b', key: 'k' } },
});

// A project's own task: `task` names it, `input` is typed by its schema, its output flows on.
wf.userTask('Shout', ({ input }) => ({ task: 'shout', input: { text: input.order.id, times: 2 } })).next((steps) =>
  steps.pass('UseShout', ({ input }) => ({ parameters: { text: input.shouted } })),
);
// @ts-expect-error shout's `text` is a string
wf.userTask('ShoutNumber', ({ input }) => ({ task: 'shout', input: { text: input.order.total } }));
// @ts-expect-error no task is named "whisper"
wf.userTask('Whisper', { task: 'whisper', input: { text: 'a' } });

// The action step's shorthand, typed the same way: `{ action: 'greet', params }` (+ `item` for an object action).
wf.action('GreetShort', ({ input }) => ({ action: 'greet', params: { name: input.order.id } })).next((steps) =>
  steps.pass('UseShortGreeting', ({ input }) => ({ parameters: { text: input.greeting } })),
);
// @ts-expect-error greet's params.name is a string
wf.action('GreetShortNumber', ({ input }) => ({ action: 'greet', params: { name: input.order.total } }));
// @ts-expect-error s3-copy runs on an object: item is required
wf.action('CopyShortWithoutItem', { action: 's3-copy', params: { bucket: 'b' } });
wf.action('CopyShort', { action: 's3-copy', params: { bucket: 'b' }, item: { bucket: 'a', key: 'k' } });
