// The workflow type cache: one DescribeStateMachine per state machine per minute, failures not kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SfnPort } from '../../src/server/index.ts';
import { workflowTypes } from '../../src/server/sfn/index.ts';

function describing(types: (string | Error)[]): { port: SfnPort; calls: string[] } {
  const calls: string[] = [];
  const port = {
    describeStateMachine: async ({ stateMachineArn }: { stateMachineArn: string }) => {
      calls.push(stateMachineArn);
      const next = types.shift();
      if (next instanceof Error) throw next;
      return { type: next, $metadata: {} };
    },
  } as unknown as SfnPort;
  return { port, calls };
}

test('kept for the TTL per state machine, looked up again after it', async () => {
  let now = 0;
  const { port, calls } = describing(['EXPRESS', 'STANDARD', 'STANDARD']);
  const typeOf = workflowTypes(port, () => now, 60_000);
  assert.equal(await typeOf('arn:a'), 'EXPRESS');
  now = 59_999;
  assert.equal(await typeOf('arn:a'), 'EXPRESS');
  assert.equal(await typeOf('arn:b'), 'STANDARD');
  now = 60_000;
  assert.equal(await typeOf('arn:a'), 'STANDARD', 'recreated under the same name as another type');
  assert.deepEqual(calls, ['arn:a', 'arn:b', 'arn:a']);
});

test('a failed lookup is not kept', async () => {
  const { port, calls } = describing([new Error('throttled'), 'EXPRESS']);
  const typeOf = workflowTypes(port, () => 0);
  await assert.rejects(typeOf('arn:a'), /throttled/);
  assert.equal(await typeOf('arn:a'), 'EXPRESS');
  assert.equal(calls.length, 2);
});
