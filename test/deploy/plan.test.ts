import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../src/aws/index.ts';
import { DeployError, parseManifest, resolveRoleArn } from '../../src/deploy/index.ts';
import { desiredState } from '../../src/deploy/desired-state.ts';
import type { ObservedQueue, ObservedState } from '../../src/deploy/observed-state.ts';
import { findPlaceholders, substitutePlaceholders } from '../../src/deploy/placeholders.ts';
import { planRemovals, planResources, planStateMachine } from '../../src/deploy/plan.ts';
import { isOwned } from '../../src/deploy/ownership.ts';
import type { Leftover } from '../../src/deploy/observed-state.ts';
import { pipelineAsl, pipelineManifest } from './fixture-build.ts';

// Unit: the pure planning half, without an account.
const roleArn = 'arn:aws:iam::000000000000:role/stepforge';
const desired = desiredState(parseManifest(pipelineManifest()), new Map([['pipeline', pipelineAsl()]]), {
  prefix: 'p-',
  roleArn,
  buildDir: 'build',
});
const nothing: ObservedState = {
  buckets: new Map(),
  queues: new Map(),
  activities: new Map(),
  stateMachines: new Map(),
  leftovers: [],
};
const ours = { 'stepforge:managed': 'true', 'stepforge:prefix': 'p-' };

test('an empty account plans a create for every resource, DLQs before their queues', () => {
  const plan = planResources(desired, nothing);
  assert.deepEqual(
    plan.map((action) => `${action.change} ${action.physicalName}`),
    [
      'create p-data',
      'create p-jobs-dlq',
      'create p-jobs',
      'create p-ordered-dlq.fifo',
      'create p-ordered.fifo',
      'create p-stepforge-noop',
    ],
  );
});

test('a queue whose attributes or redrive differ is planned as an update naming what differs', () => {
  const observed: ObservedState = {
    ...nothing,
    queues: new Map<string, ObservedQueue>([
      [
        'p-jobs',
        {
          url: 'u',
          arn: 'a',
          tags: ours,
          attributes: {
            VisibilityTimeout: '30',
            RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:1:p-jobs-dlq","maxReceiveCount":"5"}',
          },
        },
      ],
      [
        'p-ordered.fifo',
        {
          url: 'u',
          arn: 'a',
          tags: ours,
          attributes: {
            FifoQueue: 'true',
            RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:1:elsewhere.fifo","maxReceiveCount":3}',
          },
        },
      ],
    ]),
  };
  const byName = new Map(planResources(desired, observed).map((action) => [action.physicalName, action]));
  assert.equal(byName.get('p-jobs')!.change, 'unchanged');
  assert.deepEqual(byName.get('p-ordered.fifo')!.differences, ['RedrivePolicy']);
});

test('a queue observed with the other FIFO-ness is refused (SQS cannot convert)', () => {
  const observed: ObservedState = {
    ...nothing,
    queues: new Map([['p-jobs', { url: 'u', arn: 'a', tags: ours, attributes: { FifoQueue: 'true' } }]]),
  };
  assert.throws(() => planResources(desired, observed), /p-jobs exists as FIFO queue/);
});

test('state machines compare definitions as JSON regardless of key order and formatting', () => {
  const values = {
    activity: new Map([['stepforge-noop', 'arn:act']]),
    queue: new Map([['jobs', 'https://q/jobs']]),
    queueArn: new Map([['jobs-dlq', 'arn:dlq']]),
    bucket: new Map([['data', 'p-data']]),
    stateMachine: new Map<string, string>(),
  };
  const machine = desired.stateMachines[0]!;
  const created = planStateMachine(machine, undefined, values);
  assert.equal(created.change, 'create');
  const reordered = JSON.stringify(JSON.parse(created.definition), (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).reverse())
      : value,
  );
  const observed = { arn: 'arn:sm', definition: reordered, roleArn, type: 'STANDARD' as const, tags: ours };
  assert.equal(planStateMachine(machine, observed, values).change, 'unchanged');
  assert.deepEqual(planStateMachine(machine, { ...observed, type: 'STANDARD', roleArn: 'arn:x' }, values).differences, [
    'roleArn',
  ]);
  assert.throws(
    () => planStateMachine(machine, { ...observed, type: 'EXPRESS' }, values),
    /exists as EXPRESS, the manifest wants STANDARD/,
  );
});

test('placeholders: an unknown kind is named; substitution reaches nested strings', () => {
  assert.throws(
    () => findPlaceholders({ a: ['${queues:x}'] }, 'f.json'),
    /unknown placeholder kind in \$\{queues:x\} at a\[0\]/,
  );
  const values = {
    activity: new Map(),
    queue: new Map([['q', 'URL']]),
    queueArn: new Map(),
    bucket: new Map(),
    stateMachine: new Map(),
  };
  assert.deepEqual(substitutePlaceholders({ a: { b: 'x ${queue:q} y' } }, 'f.json', values), { a: { b: 'x URL y' } });
});

test('manifest errors name the field', () => {
  assert.throws(() => parseManifest({ queues: [{ name: 'a', fifo: true }] }), /queues\[0\]\.name must end in \.fifo/);
  assert.throws(
    () => parseManifest({ queues: [{ name: 'a', attributes: { Bogus: 1 } }] }),
    /queues\[0\]\.attributes\.Bogus is not a settable SQS attribute/,
  );
  assert.throws(
    () => parseManifest({ workflows: [{ name: 'w', asl: 'x', type: 'SLOW' }] }),
    /workflows\[0\]\.type must be STANDARD or EXPRESS/,
  );
  assert.throws(
    () => parseManifest({ buckets: ['a', 'a'] }),
    (error: unknown) => error instanceof DeployError && /names "a" twice/.test(error.message),
  );
});

test('state machines are ordered after the machines they start; a cycle is refused', () => {
  const manifest = parseManifest({
    workflows: [
      { name: 'outer', asl: 'o' },
      { name: 'inner', asl: 'i' },
    ],
  });
  const start = (target: string) => ({
    StartAt: 'S',
    States: {
      S: {
        Type: 'Task',
        Resource: 'arn:aws:states:::states:startExecution',
        Parameters: { StateMachineArn: `\${stateMachine:${target}}` },
        End: true,
      },
    },
  });
  const pass = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
  const ordered = desiredState(
    manifest,
    new Map<string, unknown>([
      ['outer', start('inner')],
      ['inner', pass],
    ]),
    { prefix: '', roleArn, buildDir: 'b' },
  );
  assert.deepEqual(
    ordered.stateMachines.map((machine) => machine.name),
    ['inner', 'outer'],
  );
  assert.throws(
    () =>
      desiredState(
        manifest,
        new Map<string, unknown>([
          ['outer', start('inner')],
          ['inner', start('outer')],
        ]),
        { prefix: '', roleArn, buildDir: 'b' },
      ),
    /cycle: outer -> inner -> outer/,
  );
});

test('role ARN: flag, then env, then the LocalStack default; on AWS a ConfigError naming STEPFORGE_ROLE_ARN', () => {
  const endpoint = new URL('http://127.0.0.1:4566');
  assert.equal(resolveRoleArn({ endpoint }), 'arn:aws:iam::000000000000:role/stepforge');
  assert.equal(
    resolveRoleArn({ endpoint: undefined, env: 'arn:aws:iam::123456789012:role/a' }),
    'arn:aws:iam::123456789012:role/a',
  );
  assert.equal(
    resolveRoleArn({ endpoint, flag: 'arn:aws:iam::123456789012:role/b', env: 'arn:aws:iam::123456789012:role/a' }),
    'arn:aws:iam::123456789012:role/b',
  );
  assert.throws(
    () => resolveRoleArn({ endpoint: undefined }),
    (error: unknown) => error instanceof ConfigError && error.variable === 'STEPFORGE_ROLE_ARN',
  );
  assert.throws(() => resolveRoleArn({ endpoint, flag: 'role' }), /--role-arn: must be an IAM role ARN/);
});

test('a prefix that would make names invalid is refused before anything else', () => {
  assert.throws(
    () =>
      desiredState(parseManifest(pipelineManifest()), new Map([['pipeline', pipelineAsl()]]), {
        prefix: 'x'.repeat(70),
        roleArn,
        buildDir: 'b',
      }),
    /is not valid: at most 63/,
  );
});

test('ownership: both tags, with this prefix ("-" for none); anything else is not ours', () => {
  assert.ok(isOwned(ours, 'p-'));
  assert.ok(isOwned({ 'stepforge:managed': 'true', 'stepforge:prefix': '-', other: 'x' }, ''));
  assert.ok(!isOwned(ours, ''), 'another prefix');
  assert.ok(!isOwned({ 'stepforge:prefix': 'p-' }, 'p-'), 'not marked managed');
  assert.ok(!isOwned({}, 'p-'), 'untagged (made by hand)');
  assert.ok(!isOwned(undefined, 'p-'), 'tags unknown');
});

test('resources in the build without our tags are adopted (an update of their tags); untaggable activities are not', () => {
  const observed: ObservedState = {
    ...nothing,
    buckets: new Map([['p-data', { tags: { team: 'x' } }]]),
    activities: new Map([['p-stepforge-noop', { arn: 'arn:act', tags: undefined }]]),
    queues: new Map<string, ObservedQueue>([
      ['p-jobs-dlq', { url: 'u', arn: 'a', tags: {}, attributes: { MessageRetentionPeriod: '1209600' } }],
    ]),
  };
  const byName = new Map(planResources(desired, observed).map((action) => [action.physicalName, action]));
  assert.deepEqual([byName.get('p-data')!.change, byName.get('p-data')!.differences], ['update', ['tags']]);
  assert.deepEqual([byName.get('p-jobs-dlq')!.change, byName.get('p-jobs-dlq')!.differences], ['update', ['tags']]);
  assert.equal(byName.get('p-stepforge-noop')!.change, 'unchanged');
});

test('removals: machines and activities deleted; queues and buckets retained unless pruneData; a non-empty bucket always kept', () => {
  const leftovers: Leftover[] = [
    { resource: 'bucket', physicalName: 'p-full', address: 'p-full', empty: false },
    { resource: 'bucket', physicalName: 'p-empty', address: 'p-empty', empty: true },
    { resource: 'queue', physicalName: 'p-old', address: 'https://q/p-old' },
    { resource: 'activity', physicalName: 'p-stepforge-old', address: 'arn:act' },
    { resource: 'state machine', physicalName: 'p-gone', address: 'arn:sm' },
  ];
  const summary = (pruneData: boolean) =>
    planRemovals(leftovers, { prefix: 'p-', pruneData }).map(
      (removal) => `${removal.change} ${removal.resource} ${removal.name}`,
    );
  assert.deepEqual(summary(false), [
    'delete state machine gone',
    'delete activity stepforge-old',
    'retain queue old',
    'retain bucket empty',
    'retain bucket full',
  ]);
  assert.deepEqual(summary(true), [
    'delete state machine gone',
    'delete activity stepforge-old',
    'delete queue old',
    'delete bucket empty',
    'retain bucket full',
  ]);
  const full = planRemovals(leftovers, { prefix: 'p-', pruneData: true }).find(
    (removal) => removal.physicalName === 'p-full',
  )!;
  assert.match(full.reason!, /not empty; deploy never empties a bucket/);
});
