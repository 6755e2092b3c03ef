// Workflows the console tests and bench deploy: the showcase, a tour of every state kind with an input schema and a
// leading Wait (Map, a caught Task, Choice, Wait, Parallel), a Map of many iterations, an EXPRESS one, and a
// generated 200-state chain.
import { placeholder } from '../../../src/dsl/index.ts';
import { showcase } from '../../../workflows/showcase.ts';

/** Waits `$.pause` seconds first, so a test can open the page before anything else happens. */
export const TOUR = {
  Comment: 'Map, a caught Task, Choice, Wait and Parallel',
  StartAt: 'Pause',
  States: {
    Pause: { Type: 'Wait', SecondsPath: '$.pause', Next: 'DescribeLines' },
    DescribeLines: {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 2,
      ResultPath: '$.lines',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'DescribeLine',
        States: { DescribeLine: { Type: 'Pass', End: true } },
      },
      Next: 'LoadLoyalty',
    },
    LoadLoyalty: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:s3:getObject',
      Parameters: {
        Bucket: 'stepforge-console-test-no-such-bucket',
        'Key.$': "States.Format('loyalty/{}.json', $.orderId)",
      },
      ResultPath: '$.loyalty',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.loyaltyError', Next: 'NoLoyalty' }],
      Next: 'Route',
    },
    NoLoyalty: { Type: 'Pass', Result: { record: null }, ResultPath: '$.loyalty', Next: 'Route' },
    Route: {
      Type: 'Choice',
      Choices: [{ Variable: '$.priority', StringEquals: 'express', Next: 'Fulfil' }],
      Default: 'BatchWindow',
    },
    BatchWindow: { Type: 'Wait', Seconds: 1, Next: 'Fulfil' },
    Fulfil: {
      Type: 'Parallel',
      ResultPath: '$.fulfilment',
      Branches: [
        { StartAt: 'ReserveStock', States: { ReserveStock: { Type: 'Pass', End: true } } },
        {
          StartAt: 'CarrierSlot',
          States: {
            CarrierSlot: { Type: 'Wait', Seconds: 1, Next: 'BookCarrier' },
            BookCarrier: { Type: 'Pass', Result: { carrier: 'local-post' }, End: true },
          },
        },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'FulfilmentFailed' }],
      Next: 'Summarise',
    },
    FulfilmentFailed: { Type: 'Fail', Error: 'Tour.FulfilmentFailed', Cause: 'a fulfilment branch failed' },
    Summarise: { Type: 'Pass', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
} as const;

export const TOUR_SCHEMA = {
  type: 'object',
  required: ['orderId', 'priority', 'items', 'pause'],
  properties: {
    orderId: { type: 'string', minLength: 1, description: 'the order to fulfil' },
    priority: { enum: ['express', 'standard'] },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['sku', 'quantity'],
        properties: { sku: { type: 'string' }, quantity: { type: 'integer' } },
      },
      default: [{ sku: 'A-1', quantity: 2 }],
    },
    pause: { type: 'integer', minimum: 0, maximum: 600, default: 0 },
  },
  additionalProperties: false,
} as const;

/** Every item whose `fail` is true calls S3 for a bucket that does not exist; a Catch inside the iteration takes it. */
export const MANY = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 50,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Check',
        States: {
          Check: {
            Type: 'Choice',
            Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Fetch' }],
            Default: 'Accept',
          },
          Accept: { Type: 'Pass', End: true },
          Fetch: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:s3:getObject',
            Parameters: { Bucket: 'stepforge-console-test-no-such-bucket', Key: 'item.json' },
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Reject' }],
            End: true,
          },
          Reject: { Type: 'Pass', End: true },
        },
      },
      End: true,
    },
  },
} as const;

export function manyItems(count: number, failing: number): { items: { n: number; fail: boolean }[] } {
  return { items: Array.from({ length: count }, (_, n) => ({ n, fail: n < failing })) };
}

export const QUICK = {
  StartAt: 'Echo',
  States: { Echo: { Type: 'Pass', Result: { echoed: true }, End: true } },
} as const;

/** A chain of `count` Pass states with a Choice every tenth state (two ways to the next tenth), for layout at scale. */
export function chainDefinition(count: number): { StartAt: string; States: Record<string, object> } {
  const states: Record<string, object> = {};
  const name = (index: number) => `Step${String(index).padStart(3, '0')}`;
  for (let index = 0; index < count; index += 1) {
    const next = index + 1 < count ? name(index + 1) : undefined;
    if (index % 10 === 0 && next && index + 2 < count) {
      states[name(index)] = {
        Type: 'Choice',
        Choices: [{ Variable: '$.fast', BooleanEquals: true, Next: name(index + 2) }],
        Default: next,
      };
    } else states[name(index)] = next ? { Type: 'Pass', Next: next } : { Type: 'Pass', End: true };
  }
  return { StartAt: name(0), States: states };
}

/** workflows/showcase.ts as deploy makes it, its optional loyalty bucket one that does not exist (so the Catch runs). */
export function showcaseDefinition(): object {
  const text = JSON.stringify(showcase.toAsl());
  return JSON.parse(text.replaceAll(placeholder.bucket('showcase-data'), 'stepforge-console-test-no-such-bucket'));
}
