import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Condition, isWorkflow, States, workflow } from '../../src/dsl/index.ts';

interface Order {
  order: { id: string; total: number; items: { sku: string }[] };
}

describe('Pass, Choice, Succeed, Fail', () => {
  it('renders a typed chain as ASL', () => {
    const wf = workflow<Order>('orders', { comment: 'demo' });
    wf.pass('Normalize', ({ input }) => ({
      parameters: { id: input.order.id, total: input.order.total, note: States.Format('order {}', input.order.id) },
    })).next((steps) =>
      steps
        .choice('Big?')
        .when(
          ({ input }) => Condition.numericGreaterThan(input.total, 10),
          (branch) => branch.succeed('Yes'),
        )
        .otherwise((branch) => branch.fail('No', { error: 'Small', cause: 'too small' })),
    );
    assert.equal(isWorkflow(wf), true);
    assert.deepStrictEqual(wf.toAsl(), {
      Comment: 'demo',
      StartAt: 'Normalize',
      States: {
        Normalize: {
          Type: 'Pass',
          Parameters: {
            'id.$': '$.order.id',
            'total.$': '$.order.total',
            'note.$': "States.Format('order {}', $.order.id)",
          },
          Next: 'Big?',
        },
        'Big?': {
          Type: 'Choice',
          Choices: [{ Variable: '$.total', NumericGreaterThan: 10, Next: 'Yes' }],
          Default: 'No',
        },
        Yes: { Type: 'Succeed' },
        No: { Type: 'Fail', Error: 'Small', Cause: 'too small' },
      },
    });
  });

  it('gives factories typed input, variables and context references', () => {
    const wf = workflow<Order>('factory-refs');
    wf.pass('Keep', ({ input }) => ({ assign: { total: input.order.total } })).next((steps) =>
      steps
        .choice('Check')
        .when(Condition.numericGreaterThan(steps.vars.total, 100), steps.succeed('Large'))
        .when(Condition.stringEquals(steps.input.order.id, steps.context.Execution.Name), steps.succeed('Named'))
        .otherwise(steps.fail('Small')),
    );
    assert.deepStrictEqual(wf.toAsl().States.Check, {
      Type: 'Choice',
      Choices: [
        { Variable: '$total', NumericGreaterThan: 100, Next: 'Large' },
        { Variable: '$.order.id', StringEqualsPath: '$$.Execution.Name', Next: 'Named' },
      ],
      Default: 'Small',
    });
    assert.deepStrictEqual(wf.toAsl().States.Keep, {
      Type: 'Pass',
      Assign: { 'total.$': '$.order.total' },
      Next: 'Check',
    });
  });

  it('keeps unreachable states', () => {
    const wf = workflow('keep');
    wf.pass('A');
    wf.pass('Orphan', { result: { x: 1 } });
    assert.deepStrictEqual(Object.keys(wf.toAsl().States), ['A', 'Orphan']);
  });

  it('is not fooled by look-alikes', () => {
    assert.equal(isWorkflow({ name: 'x', toAsl: () => ({}) }), false);
  });
});
