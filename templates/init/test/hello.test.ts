// Runs the hello workflow in-process, as Step Functions would: no LocalStack, no worker. `npm test` runs every
// test/*.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryS3, runWorkflow } from 'stepforge/testing';
import { MemorySqs, taskContainerFakes } from 'stepforge/testing/task-containers';
import greet from '../actions/greet.ts';
import { hello } from '../workflows/hello.ts';

test('hello runs the real greet action', async () => {
  // The action container's real code (params checked against greet's schema, then its run), as the worker runs it.
  const fakes = taskContainerFakes({ s3: new MemoryS3(), sqs: new MemorySqs() }, { actions: [greet] });
  const run = await runWorkflow(hello, { name: 'Ada' }, { tasks: fakes });
  assert.equal(run.status, 'SUCCEEDED', run.cause);
  assert.deepEqual(run.output, { greeting: 'Hello, Ada!' });
});

test('hello with the Greet step mocked', async () => {
  const run = await runWorkflow(
    hello,
    { name: 'Ada' },
    {
      tasks: {
        // A mock gets what the step sends the worker (typed, as its result is by greet's): the queue message whose
        // body is the dispatch envelope { input: { action: { name, params } }, execution, state, taskToken }.
        Greet: ({ input }) => {
          assert.ok('MessageBody' in input, 'queue dispatch (the default) sends QueueUrl + MessageBody');
          assert.deepEqual(input.MessageBody.input.action, { name: 'greet', params: { name: 'Ada' } });
          return { greeting: 'Hi, Ada!' };
        },
      },
    },
  );
  assert.equal(run.status, 'SUCCEEDED', run.cause);
  assert.deepEqual(run.output, { greeting: 'Hi, Ada!' });
});
