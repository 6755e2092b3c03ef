// The DSL's tour: Map, a Task with Retry and Catch, Choice, Wait and Parallel in one order flow. It calls no service
// but S3 (an optional loyalty record that is usually missing, so the Catch path runs), so it runs on LocalStack.
import { arn, Condition, Errors, placeholder, shape, States, workflow } from '../src/dsl/index.ts';

export interface ShowcaseInput {
  readonly orderId: string;
  readonly priority: 'express' | 'standard';
  readonly items: readonly { readonly sku: string; readonly quantity: number }[];
}

const draft = workflow<ShowcaseInput>('showcase', {
  comment: 'Choice, Parallel, Map, Wait and Retry/Catch together',
  timeoutSeconds: 300,
});

// Each line of the order, two at a time.
const describeLines = draft.map(
  'DescribeLines',
  ({ input }) => ({ items: input.items, maxConcurrency: 2, resultPath: '$.lines' }),
  (line) =>
    line.pass('DescribeLine', ({ input }) => ({
      parameters: {
        sku: input.sku,
        quantity: input.quantity,
        label: States.Format('{} x {}', input.quantity, input.sku),
      },
    })),
);

// The loyalty record is optional: a missing one is retried once, then caught and replaced by a default.
const loadLoyalty = draft
  .task('LoadLoyalty', ({ input, result }) => ({
    resource: arn.awsSdk('s3', 'getObject'),
    parameters: { Bucket: placeholder.bucket('showcase-data'), Key: States.Format('loyalty/{}.json', input.orderId) },
    returns: shape<{ Body: string }>(),
    resultSelector: { record: result.Body },
    resultPath: '$.loyalty',
  }))
  .retry({ errors: [Errors.ALL], intervalSeconds: 1, maxAttempts: 1, backoffRate: 2, jitterStrategy: 'NONE' });

const noLoyalty = draft.pass('NoLoyalty', { result: { record: null }, resultPath: '$.loyalty' });

const route = draft.choice('Route');
const batchWindow = draft.wait('BatchWindow', { seconds: 1 });

const fulfil = draft
  .parallel('Fulfil', {
    branches: [
      (branch) =>
        branch.pass('ReserveStock', ({ input }) => ({ parameters: { orderId: input.orderId, reserved: true } })),
      (branch) =>
        branch
          .wait('CarrierSlot', { seconds: 1 })
          .next((next) => next.pass('BookCarrier', { result: { carrier: 'local-post' } })),
    ],
    resultPath: '$.fulfilment',
  })
  .retry({ errors: [Errors.ALL], intervalSeconds: 1, maxAttempts: 2, backoffRate: 2 })
  .catch((steps) =>
    steps.fail('FulfilmentFailed', { error: 'Showcase.FulfilmentFailed', cause: 'a fulfilment branch failed' }),
  );

draft.start(describeLines);
describeLines.next(loadLoyalty).next(route);
loadLoyalty.catch(noLoyalty, { errors: [Errors.ALL], resultPath: '$.loyaltyError' });
noLoyalty.next(route);
route.when(({ input }) => Condition.stringEquals(input.priority, 'express'), fulfil).otherwise(batchWindow);
batchWindow.next(fulfil);
fulfil
  .next((steps) =>
    steps.pass('Summarise', ({ input }) => ({
      parameters: {
        orderId: input.orderId,
        lineCount: States.ArrayLength(input.items),
        stock: input.fulfilment[0],
        carrier: input.fulfilment[1],
      },
    })),
  )
  .next((steps) => steps.succeed('Done'));

// Linked by statements, so the workflow's type learns its Task states here (checked: none may be left out), and a
// test's mocks are typed by name: `LoadLoyalty` gets `{ Bucket, Key }` and must return `{ Body: string }`.
export const showcase = draft.withTasks(loadLoyalty);
