// The console's pure parts: ASL -> graph, Choice rule labels, per-state summaries (Map counts), layout at scale,
// and which form field a problem's detail names.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countStates, graphOfMachine } from '../../src/console/client/graph/asl-graph.ts';
import { ruleLabel } from '../../src/console/client/graph/choice-rule.ts';
import { layoutGraph } from '../../src/console/client/graph/layout.ts';
import { straightRuns } from '../../src/console/client/graph/straight-runs.ts';
import { iterationsText, summariseStates } from '../../src/console/client/graph/state-status.ts';
import { fieldNamed } from '../../src/console/client/schema-form.ts';
import type { StepRow } from '../../src/server/history/index.ts';
import { chainDefinition, MANY, TOUR } from '../support/console/definitions.ts';

const runsOf = (machine: object) => {
  const graph = graphOfMachine(machine);
  return straightRuns(
    graph.nodes.map((node) => node.id),
    graph.edges,
  ).filter((run) => run.length > 1);
};

function row(name: string, status: StepRow['status'], extra: Partial<StepRow> = {}): StepRow {
  return {
    name,
    type: 'Pass',
    status,
    startedAt: null,
    endedAt: null,
    durationMs: null,
    input: null,
    output: null,
    error: null,
    cause: null,
    attempts: 1,
    failedAttempts: [],
    scope: [],
    enteredEventId: 0,
    ...extra,
  };
}

describe('graphOfMachine', () => {
  test('Start and End, Choice rules and Default, Catch with its errors, containers holding their inner graphs', () => {
    const graph = graphOfMachine(TOUR);
    const ids = graph.nodes.map((node) => node.id);
    assert.equal(ids[0], 'start:');
    assert.equal(ids.at(-1), 'end:');
    const labels = graph.edges.filter((edge) => edge.label).map((edge) => `${edge.from}->${edge.to}: ${edge.label}`);
    assert.deepEqual(labels.sort(), [
      'Fulfil->FulfilmentFailed: Catch: States.ALL',
      'LoadLoyalty->NoLoyalty: Catch: States.ALL',
      'Route->BatchWindow: Default',
      'Route->Fulfil: $.priority == "express"',
    ]);
    const fulfil = graph.nodes.find((node) => node.id === 'Fulfil');
    assert.deepEqual(
      fulfil?.children?.map((branch) => branch.nodes.map((node) => node.id)),
      [['ReserveStock'], ['CarrierSlot', 'BookCarrier']],
    );
    assert.ok(graph.edges.some((edge) => edge.from === 'Done' && edge.to === 'end:'));
    assert.ok(graph.edges.some((edge) => edge.from === 'FulfilmentFailed' && edge.to === 'end:'));
    assert.equal(countStates(TOUR), 14);
  });
});

describe('ruleLabel', () => {
  test('comparisons, paths, type tests, And/Or/Not and JSONata conditions', () => {
    assert.equal(ruleLabel({ Variable: '$.n', NumericGreaterThanEquals: 3 }), '$.n >= 3');
    assert.equal(ruleLabel({ Variable: '$.a', StringEqualsPath: '$.b' }), '$.a == $.b');
    assert.equal(ruleLabel({ Variable: '$.x', IsPresent: false }), '$.x is not present');
    assert.equal(
      ruleLabel({ And: [{ Variable: '$.a', BooleanEquals: true }, { Not: { Variable: '$.b', IsNull: true } }] }),
      '$.a == true && !$.b is null',
    );
    assert.equal(ruleLabel({ Condition: '{% $states.input.n > 2 %}' }), '$states.input.n > 2');
    assert.ok(ruleLabel({ Variable: `$.${'x'.repeat(80)}`, StringEquals: 'y' }).endsWith('…'));
  });
});

describe('summariseStates', () => {
  test('a Map of 1,000 iterations is counted per iteration by its worst step', () => {
    const rows: StepRow[] = [row('Each', 'succeeded', { type: 'Map' })];
    for (let iteration = 0; iteration < 1000; iteration += 1) {
      const inner = { iteration, parent: 'Each', scope: [{ state: 'Each', iteration }] };
      rows.push(row('Check', 'succeeded', inner));
      rows.push(row(iteration < 10 ? 'Fetch' : 'Accept', iteration < 10 ? 'failed' : 'succeeded', inner));
    }
    const summaries = summariseStates(rows);
    assert.equal(iterationsText(summaries.get('Each')!.iterations!), '1,000 iterations: 990 succeeded, 10 failed');
    assert.equal(summaries.get('Fetch')?.status, 'failed');
    assert.equal(summaries.get('Check')?.runs, 1000);
    assert.equal(summaries.has('Reject'), false, 'a state never entered has no summary (drawn not-reached)');
  });

  test('a state that ran more than once shows running while any run is open', () => {
    const summary = summariseStates([row('Loop', 'succeeded'), row('Loop', 'running')]).get('Loop');
    assert.equal(summary?.status, 'running');
  });
});

describe('straightRuns', () => {
  test('a run ends where a state has two ways out or the next has two ways in, and at a labelled edge', () => {
    assert.deepEqual(runsOf(TOUR), [
      ['start:', 'Pause', 'DescribeLines', 'LoadLoyalty'],
      ['Summarise', 'Done'],
    ]);
    const single = { Type: 'Choice', Choices: [{ Variable: '$.a', BooleanEquals: true, Next: 'B' }] };
    assert.deepEqual(
      runsOf({ StartAt: 'A', States: { A: single, B: { Type: 'Pass', Next: 'C' }, C: { Type: 'Succeed' } } }),
      [
        ['start:', 'A'],
        ['B', 'C', 'end:'],
      ],
    );
  });

  test('states on a loop stay single; every state is in exactly one run', () => {
    const machine = {
      StartAt: 'Begin',
      States: {
        Begin: { Type: 'Pass', Next: 'Poll' },
        Poll: { Type: 'Wait', Seconds: 1, Next: 'Check' },
        Check: { Type: 'Pass', Next: 'Ready?' },
        'Ready?': {
          Type: 'Choice',
          Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'After' }],
          Default: 'Poll',
        },
        After: { Type: 'Pass', Next: 'Last' },
        Last: { Type: 'Pass', End: true },
      },
    };
    assert.deepEqual(runsOf(machine), [
      ['start:', 'Begin'],
      ['After', 'Last', 'end:'],
    ]);
    const graph = graphOfMachine(machine);
    const all = straightRuns(
      graph.nodes.map((node) => node.id),
      graph.edges,
    ).flat();
    assert.deepEqual([...all].sort(), graph.nodes.map((node) => node.id).sort());
  });
});

describe('layoutGraph', () => {
  test('a 200-state workflow lays out top to bottom without overlapping nodes', () => {
    const placed = layoutGraph(graphOfMachine(chainDefinition(200)));
    assert.equal(placed.nodes.length, 202);
    const boxes = placed.nodes.map((node) => node);
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        assert.ok(apart, `${a.node.id} overlaps ${b.node.id}`);
      }
    }
    // Readable: no wider than a few columns, as the chain is.
    assert.ok(placed.width < 800, `width ${placed.width}`);
  });

  test("a straight run's states stand one under the other, centred, each edge joining its own states' boxes", () => {
    const placed = layoutGraph(graphOfMachine(TOUR));
    const box = (id: string) => placed.nodes.find((node) => node.node.id === id)!;
    const [pause, lines, loyalty] = [box('Pause'), box('DescribeLines'), box('LoadLoyalty')];
    assert.equal(pause.x + pause.width / 2, lines.x + lines.width / 2);
    assert.ok(pause.y + pause.height < lines.y && lines.y + lines.height < loyalty.y);
    const near = (a: number, b: number) => Math.abs(a - b) < 0.5;
    const touches = (point: { x: number; y: number }, node: typeof pause) =>
      point.x > node.x - 0.5 &&
      point.x < node.x + node.width + 0.5 &&
      point.y > node.y - 0.5 &&
      point.y < node.y + node.height + 0.5 &&
      (near(point.x, node.x) ||
        near(point.x, node.x + node.width) ||
        near(point.y, node.y) ||
        near(point.y, node.y + node.height));
    // A long run ending in a Task whose Catch leads aside: dagre would start that edge on the run's side.
    const pass = (next: string) => ({ Type: 'Pass', Next: next });
    const longRun = {
      StartAt: 'A',
      States: {
        A: pass('B, a state with a name much longer than the others'),
        'B, a state with a name much longer than the others': pass('C'),
        C: pass('D'),
        D: pass('Call'),
        Call: { Type: 'Task', Resource: 'x', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handle' }], Next: 'Ok' },
        Handle: { Type: 'Fail' },
        Ok: { Type: 'Succeed' },
      },
    };
    const caught = layoutGraph(graphOfMachine(longRun));
    for (const graph of [placed, caught]) {
      const box = (id: string) => graph.nodes.find((node) => node.node.id === id)!;
      for (const { edge, points } of graph.edges) {
        assert.ok(touches(points[0]!, box(edge.from)), `${edge.from} -> ${edge.to} starts on ${edge.from}`);
        assert.ok(touches(points.at(-1)!, box(edge.to)), `${edge.from} -> ${edge.to} ends on ${edge.to}`);
      }
    }
  });

  test('a container is big enough for its inner graph', () => {
    const placed = layoutGraph(graphOfMachine(MANY));
    const each = placed.nodes.find((node) => node.node.id === 'Each')!;
    const inner = each.children[0]!;
    assert.ok(inner.offset.x + inner.graph.width <= each.width);
    assert.ok(inner.offset.y + inner.graph.height <= each.height);
  });
});

describe('fieldNamed', () => {
  test('the field a problem detail names', () => {
    assert.equal(fieldNamed('body.items[0].sku: must be string, got number'), 'items');
    assert.equal(fieldNamed('body.orderId: must be at least 1 characters long'), 'orderId');
    assert.equal(fieldNamed('body.orderId: is required'), 'orderId');
    assert.equal(fieldNamed('Idempotency-Key header: too long'), undefined);
  });
});
