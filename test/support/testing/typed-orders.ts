// A DSL workflow whose type knows its Task states (built as one chain and given to `start`): a Task with
// Parameters and `returns`, a Task inside a Map, one inside a Parallel branch, and two task-container steps.
import { arn, shape, States, workflow } from '../../../src/dsl/index.ts';

export interface OrderInput {
  readonly orderId: string;
  readonly amount: number;
  readonly lines: readonly { readonly sku: string }[];
}

export interface Charge {
  readonly chargeId: string;
}

const draft = workflow<OrderInput>('typed-orders');

const charge = draft.task('Charge', ({ input }) => ({
  resource: arn.lambdaInvoke(),
  parameters: { id: input.orderId, amount: input.amount },
  returns: shape<Charge>(),
  resultPath: '$.charge',
}));

const price = draft.map(
  'PriceLines',
  ({ input }) => ({ items: input.lines, resultPath: '$.prices' }),
  (line) =>
    line.task('PriceLine', ({ input }) => ({
      resource: arn.lambdaInvoke(),
      parameters: { sku: input.sku },
      returns: shape<{ readonly price: number }>(),
    })),
);

const notify = draft.parallel('Notify', {
  branches: [
    (branch) =>
      branch.task('Email', ({ input }) => ({
        resource: arn.snsPublish(),
        parameters: { Message: States.Format('order {}', input.orderId) },
      })),
  ],
  resultPath: null,
});

const list = draft.listAndPublish('ListInvoices', ({ input }) => ({
  input: { bucket: 'invoices', prefix: input.orderId, queueUrl: 'http://127.0.0.1:4566/000000000000/invoices' },
  resultPath: '$.listed',
}));

const consume = draft.consume('SendInvoices', {
  input: {
    queueUrl: 'http://127.0.0.1:4566/000000000000/invoices',
    action: { name: 's3-copy', params: { bucket: 'invoice-copies' } },
  },
  resultPath: '$.consumed',
});

export const typedOrders = draft.start(charge.next(price).next(notify).next(list).next(consume));
