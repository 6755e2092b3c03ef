// The dry-run plan as printed: one line per resource in the future tense, what differs, why something is retained,
// and a total that says nothing was changed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAction, formatPlan, type PlannedAction } from '../../src/deploy/index.ts';

const base = { name: 'n', differences: [] as string[], tags: {} };
const actions = [
  { ...base, resource: 'bucket', physicalName: 'p-data', change: 'create' },
  { ...base, resource: 'activity', physicalName: 'p-work', change: 'unchanged' },
  { ...base, resource: 'state machine', physicalName: 'p-flow', change: 'update', differences: ['definition', 'tags'] },
  { ...base, resource: 'activity', physicalName: 'p-old', change: 'delete', address: 'arn:old' },
  {
    ...base,
    resource: 'queue',
    physicalName: 'p-old-queue',
    change: 'retain',
    address: 'https://q',
    reason: 'may hold data; --prune-data deletes it',
  },
] as unknown as PlannedAction[];

test('the plan reads in the future tense, with what differs and why something stays', () => {
  assert.equal(
    formatPlan(actions),
    [
      'create     bucket         p-data',
      'unchanged  activity       p-work',
      'update     state machine  p-flow (definition, tags)',
      'delete     activity       p-old',
      'retain     queue          p-old-queue (not in the build; may hold data; --prune-data deletes it)',
      'plan: 1 to create, 1 to update, 1 to delete, 1 to retain, 1 unchanged (dry run: nothing was changed)',
      '',
    ].join('\n'),
  );
});

test('progress lines use the past tense, as the report does', () => {
  assert.equal(formatAction(actions[0]!), 'created    bucket         p-data');
  assert.equal(formatAction(actions[2]!), 'updated    state machine  p-flow (definition, tags)');
});
