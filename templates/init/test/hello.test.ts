// Runs the hello workflow in-process, as Step Functions would, with its task answered by a mock: no LocalStack, no
// worker. `npm test` runs every test/*.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runWorkflow } from 'stepforge/testing';
import { hello } from '../workflows/hello.ts';

test('hello greets by name', async () => {
  const run = await runWorkflow(
    hello,
    { name: 'Ada' },
    {
      tasks: {
        // The mock gets what the step sends the action worker: its queue message, holding the action's params.
        Greet: ({ input }) => {
          const { name } = input.MessageBody.input.action.params;
          return { action: 'greet', result: { greeting: `Hello, ${name}!` } };
        },
      },
    },
  );
  assert.equal(run.status, 'SUCCEEDED', run.cause);
  assert.deepEqual(run.output, {
    name: 'Ada',
    greeting: { action: 'greet', result: { greeting: 'Hello, Ada!' } },
  });
});
