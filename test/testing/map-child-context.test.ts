// The Context object inside a Distributed Map's child execution: `$$.Execution` is the child's own (its ARN under
// the Map Run's state machine, its name, input and start), `$$.StateMachine` the Map Run's `<machine>/<Label>`;
// ItemSelector, evaluated in the parent, still sees the parent's, which is how a child is told its parent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runWorkflow } from '../../src/testing/index.ts';
import type { JsonObject } from '../../src/testing/json.ts';
import { machine } from './support.ts';

const processor = (mode: 'DISTRIBUTED' | 'INLINE', head: JsonObject = {}, jsonata = false): JsonObject =>
  machine(
    {
      Read: jsonata
        ? {
            Type: 'Pass',
            Output: { execution: '{% $states.context.Execution %}', parent: '{% $states.input.parent %}' },
            End: true,
          }
        : {
            Type: 'Pass',
            Parameters: { 'execution.$': '$$.Execution', 'machine.$': '$$.StateMachine', 'parent.$': '$.parent' },
            End: true,
          },
    },
    { ProcessorConfig: { Mode: mode, ...(mode === 'DISTRIBUTED' && { ExecutionType: 'STANDARD' }) }, ...head },
  );

const selector = { 'parent.$': '$$.Execution.Id', 'value.$': '$$.Map.Item.Value' };

describe('Context object of a Distributed Map child execution', () => {
  it("$$.Execution and $$.StateMachine are the child execution's; ItemSelector passes the parent's Id", async () => {
    const run = await runWorkflow(
      machine({
        M: { Type: 'Map', Label: 'Each', ItemSelector: selector, ItemProcessor: processor('DISTRIBUTED'), End: true },
      }),
      ['a', 'b'],
      { context: { executionName: 'parent-1', stateMachineName: 'orders', startTime: '2026-01-01T00:00:00.000Z' } },
    );
    assert.equal(run.status, 'SUCCEEDED', run.cause);
    const parentId = 'arn:aws:states:us-east-1:000000000000:execution:orders:parent-1';
    const outputs = run.output as { execution: JsonObject; machine: JsonObject; parent: string }[];
    const children = [...(run.mapRuns[0]?.executions ?? [])].sort((left, right) => left.index - right.index);
    for (const [index, { execution, machine: stateMachine, parent }] of outputs.entries()) {
      const child = children[index];
      assert.equal(parent, parentId);
      assert.deepEqual(execution, {
        Id: child?.executionArn,
        Input: { parent: parentId, value: ['a', 'b'][index] },
        Name: child?.name,
        RoleArn: 'arn:aws:iam::000000000000:role/stepforge-testing',
        StartTime: child?.startDate,
        RedriveCount: 0,
      });
      assert.match(
        String(execution.Id),
        /^arn:aws:states:us-east-1:000000000000:execution:orders\/Each:[0-9a-f-]{36}$/,
      );
      assert.deepEqual(stateMachine, {
        Id: 'arn:aws:states:us-east-1:000000000000:stateMachine:orders/Each',
        Name: 'orders/Each',
      });
    }
  });
  it("JSONata $states.context.Execution inside a child is the child's too", async () => {
    const run = await runWorkflow(
      machine(
        {
          M: {
            Type: 'Map',
            ItemSelector: { parent: '{% $states.context.Execution.Id %}' },
            ItemProcessor: processor('DISTRIBUTED', {}, true),
            End: true,
          },
        },
        { QueryLanguage: 'JSONata' },
      ),
      [1],
      { context: { executionName: 'parent-2' } },
    );
    const [first] = run.output as { execution: JsonObject; parent: string }[];
    assert.match(String(first?.parent), /:execution:stepforge-testing:parent-2$/);
    assert.equal(first?.execution.Id, run.mapRuns[0]?.executions[0]?.executionArn);
    assert.notEqual(first?.execution.Id, first?.parent);
  });
  it("an INLINE Map's iterations see the execution's own Context object", async () => {
    const run = await runWorkflow(
      machine({ M: { Type: 'Map', ItemSelector: selector, ItemProcessor: processor('INLINE'), End: true } }),
      [1],
      { context: { executionName: 'parent-3' } },
    );
    const [first] = run.output as { execution: JsonObject; parent: string }[];
    assert.equal(first?.execution.Id, first?.parent);
    assert.equal(first?.execution.Name, 'parent-3');
  });
});
