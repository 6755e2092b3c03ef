// The history routes read GetExecutionHistory's body as plain JSON instead of the SDK's parsed objects: the events
// they serve must be exactly what the SDK returns (timestamps as ISO strings), and errors must keep the SDK's names.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GetExecutionHistoryCommand, type HistoryEvent, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { createApp } from '../../src/server/index.ts';
import { getExecutionHistoryJson, historyPageFromWire } from '../../src/server/sfn/history-json.ts';
import { isoTimestampFormatter } from '../../src/server/sfn/iso-timestamp.ts';
import { mapOfPass } from '../support/server/definitions.ts';
import {
  type DeployedFixture,
  deployFixture,
  localstackAppOptions,
  sfnClient,
  waitForEnd,
} from '../support/server/localstack-fixture.ts';

// Map iterations, a Parallel branch that fails and is caught, and a failure at the end: many event types at once.
const DEFINITION = mapOfPass({
  name: 'Split',
  state: {
    Type: 'Parallel',
    Branches: [
      { StartAt: 'Fine', States: { Fine: { Type: 'Pass', Result: { ok: true }, End: true } } },
      { StartAt: 'Broken', States: { Broken: { Type: 'Fail', Error: 'Demo.Broken', Cause: 'on purpose' } } },
    ],
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.caught', Next: 'Give up' }],
    Next: 'Give up',
  },
});
(DEFINITION as { States: Record<string, object> }).States['Give up'] = {
  Type: 'Fail',
  Error: 'Demo.Done',
  Cause: 'the end',
};

const asApiJson = (event: HistoryEvent) => JSON.parse(JSON.stringify(event)) as unknown;

describe('history events as JSON', () => {
  let fixture: DeployedFixture;
  let executionArn: string;
  before(async () => {
    fixture = await deployFixture('rich', DEFINITION, undefined);
    const started = await sfnClient.send(
      new StartExecutionCommand({
        stateMachineArn: fixture.stateMachineArn,
        input: JSON.stringify({ items: [1, 2, 3] }),
      }),
    );
    executionArn = started.executionArn!;
    assert.equal(await waitForEnd(executionArn), 'FAILED');
  });
  after(async () => fixture.remove());

  test('the events are the SDK events with ISO timestamps, field for field', async () => {
    const viaSdk =
      (await sfnClient.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
    const types = new Set<string | undefined>(viaSdk.map((event) => event.type));
    for (const type of ['MapIterationStarted', 'ParallelStateFailed', 'FailStateEntered', 'ExecutionFailed'])
      assert.ok(types.has(type), type);
    const direct = await getExecutionHistoryJson(sfnClient, { executionArn, maxResults: 1000 });
    assert.deepEqual(direct.events, viaSdk.map(asApiJson));

    const app = createApp(localstackAppOptions(fixture.files));
    const name = executionArn.slice(executionArn.lastIndexOf(':') + 1);
    const page = (await (
      await app.request(`/workflows/rich/executions/${name}/history?view=events&limit=1000`)
    ).json()) as {
      events: unknown[];
    };
    assert.deepEqual(page.events, viaSdk.map(asApiJson));
  });

  test('an unknown execution keeps the SDK error name', async () => {
    const missing = `${fixture.stateMachineArn.replace(':stateMachine:', ':execution:')}:never-ran`;
    await assert.rejects(getExecutionHistoryJson(sfnClient, { executionArn: missing }), {
      name: 'ExecutionDoesNotExist',
    });
  });
});

describe('historyPageFromWire', () => {
  test('epoch seconds (number or numeric text) become ISO strings rounded to the millisecond; nextToken kept', () => {
    const page = historyPageFromWire(
      '{"events":[{"id":1,"timestamp":1700000000.1235,"type":"ExecutionStarted"},{"id":2,"timestamp":"1.5","type":"X"}],"nextToken":"t"}',
    );
    assert.deepEqual(
      page.events.map((event) => event.timestamp),
      ['2023-11-14T22:13:20.124Z', '1970-01-01T00:00:01.500Z'],
    );
    assert.equal(page.nextToken, 't');
  });

  test('no events and a null nextToken give an empty last page', () => {
    assert.deepEqual(historyPageFromWire('{"nextToken":null}'), { events: [] });
  });
});

describe('isoTimestampFormatter', () => {
  test('equals Date.toISOString across days, years, a leap day and before 1970', () => {
    const iso = isoTimestampFormatter();
    const starts = [
      0,
      Date.UTC(2024, 1, 28, 23, 59, 59, 990),
      Date.UTC(2026, 11, 31, 23, 59, 58, 1),
      Date.UTC(1969, 11, 31, 23, 59, 59),
    ];
    for (const start of starts) {
      for (let ms = start; ms < start + 3000; ms += 7) assert.equal(iso(ms), new Date(ms).toISOString(), String(ms));
    }
    for (const ms of [1_700_000_000_123, 86_399_999, 86_400_000, 253_402_300_799_999])
      assert.equal(iso(ms), new Date(ms).toISOString());
  });
});
