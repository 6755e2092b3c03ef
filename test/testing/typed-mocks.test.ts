// A DSL workflow whose type knows its Task states runs with typed mocks: nested Map and Parallel Tasks and
// task-container steps are mocked by their names, and each mock gets the state's Parameters as its input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runWorkflow } from '../../src/testing/index.ts';
import { typedOrders } from '../support/testing/typed-orders.ts';

describe('typed mocks of a DSL workflow', () => {
  it('mocks every Task by name, nested and container ones included', async () => {
    const seen: string[] = [];
    const run = await runWorkflow(
      typedOrders,
      { orderId: 'o-1', amount: 5, lines: [{ sku: 'AB' }, { sku: 'C' }] },
      {
        tasks: {
          Charge: ({ input }) => ({ chargeId: `${input.id}/${input.amount}` }),
          PriceLine: ({ input }) => ({ price: input.sku.length }),
          Email: ({ input }) => {
            seen.push(JSON.stringify(input));
            return null;
          },
          ListInvoices: ({ input }) => {
            assert.ok('MessageBody' in input, 'a queue-dispatched container step sends QueueUrl + MessageBody');
            assert.equal(input.MessageBody.input.prefix, 'o-1');
            assert.equal(input.MessageBody.state, 'ListInvoices');
            return { published: 2, queueUrl: input.MessageBody.input.queueUrl, firstKey: 'a', lastKey: 'b' };
          },
          SendInvoices: () => ({ received: 2, succeeded: 2, failed: 0 }),
        },
      },
    );
    assert.equal(run.status, 'SUCCEEDED', run.cause);
    assert.deepEqual(seen, ['{"Message":"order o-1"}']);
    const output = run.output as Record<string, unknown>;
    assert.deepEqual(output.charge, { chargeId: 'o-1/5' });
    assert.deepEqual(output.prices, [{ price: 2 }, { price: 1 }]);
    assert.deepEqual(output.consumed, { received: 2, succeeded: 2, failed: 0 });
  });
});
