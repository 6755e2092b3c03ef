// Type claims of the runner's typed mocks, checked by tsc (test/testing/types.test.ts): with a DSL workflow whose
// type knows its Task states, `tasks` keys are those states and each handler's input and result are the state's.
import { fail, failOn, redrive, runWorkflow } from '../../src/testing/index.ts';
import { bucketToQueue } from '../../workflows/bucket-to-queue.ts';
import { importedOrders } from '../fixtures/import/orders.ts';
import { showcase } from '../../workflows/showcase.ts';
import { typedOrders } from '../support/testing/typed-orders.ts';

const input = { orderId: 'o-1', amount: 5, lines: [{ sku: 'A' }] };
const listed = { published: 0, queueUrl: 'q', firstKey: null, lastKey: null };

void runWorkflow(typedOrders, input, {
  tasks: {
    Charge: ({ input: parameters }) => ({ chargeId: `${parameters.id}:${parameters.amount}` }),
    PriceLine: ({ input: parameters }) => ({ price: parameters.sku.length }),
    Email: () => null,
    ListInvoices: () => listed,
    SendInvoices: failOn(1, { error: 'Worker.Shutdown' }, () => ({ received: 0, succeeded: 0, failed: 0 })),
    'arn:aws:states:::lambda:invoke': fail('Lambda.Unknown'),
  },
});

// @ts-expect-error a misspelt Task state name
void runWorkflow(typedOrders, input, { tasks: { Chrage: () => ({ chargeId: 'c' }) } });
// @ts-expect-error a Pass/Map state is not a Task: no mock for it
void runWorkflow(typedOrders, input, { tasks: { PriceLines: () => [] } });
// @ts-expect-error the result of Charge is `returns: shape<Charge>()`: chargeId is a string
void runWorkflow(typedOrders, input, { tasks: { Charge: () => ({ chargeId: 1 }) } });
void runWorkflow(typedOrders, input, {
  tasks: {
    // @ts-expect-error the input of Charge is its Parameters: { id, amount }, no `orderId`
    Charge: ({ input: parameters }) => ({ chargeId: parameters.orderId }),
  },
});
// @ts-expect-error the nested Map's Task result is { price: number }
void runWorkflow(typedOrders, input, { tasks: { PriceLine: () => ({ price: 'free' }) } });
// @ts-expect-error a list-and-publish step's result is its container's output
void runWorkflow(typedOrders, input, { tasks: { ListInvoices: () => ({ published: 'all' }) } });
void runWorkflow(typedOrders, input, {
  tasks: {
    SendInvoices: ({ input: dispatched }) => {
      const envelope = 'MessageBody' in dispatched ? dispatched.MessageBody : dispatched;
      // @ts-expect-error the consume step's input is the consume container's: `queueUrl`, not `queue`
      return { received: envelope.input.queue.length, succeeded: 0, failed: 0 };
    },
  },
});
// @ts-expect-error the execution input is the workflow's: amount is a number
void runWorkflow(typedOrders, { ...input, amount: '5' }, {});
// A resource ARN is a key for any handler; an untyped ASL definition takes any name.
void runWorkflow(typedOrders, input, { tasks: { 'arn:aws:states:::sns:publish': () => ({}) } });
void runWorkflow({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, {}, { tasks: { Anything: () => 1 } });

// The examples: showcase is built by statements and typed by `withTasks(loadLoyalty)`, bucket-to-queue by `start`.
const order = { orderId: 'o-1', priority: 'express', items: [] } as const;
void runWorkflow(showcase, order, { tasks: { LoadLoyalty: ({ input: read }) => ({ Body: read.Key }) } });
// @ts-expect-error a misspelt Task state name of showcase
void runWorkflow(showcase, order, { tasks: { LoadLoyality: () => ({ Body: '' }) } });
// @ts-expect-error LoadLoyalty returns `shape<{ Body: string }>()`: Body is a string
void runWorkflow(showcase, order, { tasks: { LoadLoyalty: () => ({ Body: 1 }) } });
// @ts-expect-error LoadLoyalty's input is its Parameters, { Bucket, Key }: no `Prefix`
void runWorkflow(showcase, order, { tasks: { LoadLoyalty: ({ input: read }) => ({ Body: read.Prefix }) } });
// @ts-expect-error a Pass state of showcase is not a Task: no mock for it
void runWorkflow(showcase, order, { tasks: { Summarise: () => ({}) } });
// @ts-expect-error PublishObjects returns list-and-publish's output: published is a number
void runWorkflow(bucketToQueue, { prefix: '' }, { tasks: { PublishObjects: () => ({ ...listed, published: '2' }) } });

// What `stepforge import` writes (test/fixtures/import/orders.ts): typed by `withTasks`, the Map's two Tasks included.
void runWorkflow(
  importedOrders,
  {},
  {
    tasks: {
      Charge: () => ({}),
      PriceLine: ({ input: call }) => call.Payload.sku,
      RoundPrice: () => 1,
      Notify: () => null,
    },
  },
);
// @ts-expect-error a misspelt Task state name of an imported workflow
void runWorkflow(importedOrders, {}, { tasks: { RoundPrices: () => 1 } });
// @ts-expect-error PriceLine's input is its Parameters: a Payload of { sku }, no `price`
void runWorkflow(importedOrders, {}, { tasks: { PriceLine: ({ input: call }) => call.Payload.price } });

// redrive takes the mocks of the run it continues: typed for a DSL workflow's run.
void runWorkflow(typedOrders, input, { tasks: { Charge: fail('Payment.Busy') } }).then((failed) => {
  void redrive(failed, { tasks: { Charge: ({ input: parameters }) => ({ chargeId: parameters.id }) } });
  // @ts-expect-error redrive's mocks are the run's: a misspelt Task state name
  void redrive(failed, { tasks: { Chrage: () => ({ chargeId: 'c' }) } });
  // @ts-expect-error redrive's mocks are the run's: Charge's result has a string chargeId
  void redrive(failed, { tasks: { Charge: () => ({ chargeId: 1 }) } });
});
