import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse, type Finding } from '../../src/generator/analyse/index.ts';
import type { JsonObject } from '../../src/generator/asl/json.ts';
import { workflow } from '../../src/dsl/index.ts';

const codes = (findings: Finding[], severity: 'error' | 'warning' = 'error') =>
  findings.filter((finding) => finding.severity === severity).map((finding) => `${finding.code}@${finding.statePath}`);

const quick = (definition: JsonObject) => analyse(definition, { secondOpinion: false });

const pass = (extra: JsonObject = {}): JsonObject => ({ Type: 'Pass', End: true, ...extra });

describe('analyse: graph', () => {
  it('accepts a minimal machine', () => {
    assert.deepEqual(quick({ StartAt: 'A', States: { A: pass() } }), []);
  });

  it('reports unreachable states, missing Next/End and unknown targets', () => {
    const findings = quick({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'Nowhere' },
        B: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke' },
        C: pass(),
      },
    });
    assert.deepEqual(codes(findings).sort(), [
      'MISSING_NEXT_OR_END@B',
      'NEXT_NOT_FOUND@A',
      'UNREACHABLE_STATE@B',
      'UNREACHABLE_STATE@C',
    ]);
  });

  it('reports missing StartAt and States, and an unknown Type', () => {
    assert.deepEqual(codes(quick({ States: { A: pass() } })), ['MISSING_START_AT@']);
    assert.deepEqual(codes(quick({ StartAt: 'A' })), ['MISSING_STATES@']);
    assert.deepEqual(codes(quick({ StartAt: 'A', States: { A: { Type: 'Teleport', End: true } } })), [
      'UNKNOWN_STATE_TYPE@A',
    ]);
  });

  it('reports Next into another scope and duplicate names across scopes, with branch paths', () => {
    const findings = quick({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'In', States: { In: { Type: 'Pass', Next: 'After' } } },
            { StartAt: 'After', States: { After: pass() } },
          ],
          Next: 'After',
        },
        After: pass(),
      },
    });
    assert.deepEqual(codes(findings).sort(), ['DUPLICATE_STATE_NAME@After', 'NEXT_OUT_OF_SCOPE@P/branch 0/In']);
  });

  it('warns on a Choice without Default and rejects Next on terminal states', () => {
    const findings = quick({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'S' }] },
        S: { Type: 'Succeed', End: true },
      },
    });
    assert.deepEqual(codes(findings), ['TERMINAL_STATE_WITH_NEXT@S']);
    assert.deepEqual(codes(findings, 'warning'), ['NO_DEFAULT_CHOICE@C']);
  });
});

describe('analyse: fields', () => {
  const task = (extra: JsonObject): JsonObject => ({
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, ...extra } },
  });

  it('rejects States.ALL not alone or not last, bad jitter and delays', () => {
    const findings = quick(
      task({
        Retry: [
          { ErrorEquals: ['States.ALL', 'X'], JitterStrategy: 'SOME', MaxDelaySeconds: 0 },
          { ErrorEquals: ['Y'], MaxDelaySeconds: 31_622_401, BackoffRate: 0.5 },
        ],
        Catch: [
          { ErrorEquals: ['States.ALL'], Next: 'T' },
          { ErrorEquals: ['Z'], Next: 'T' },
        ],
      }),
    );
    assert.deepEqual(codes(findings), [
      'STATES_ALL_NOT_ALONE@T',
      'STATES_ALL_NOT_LAST@T',
      'NUMBER_OUT_OF_RANGE@T',
      'INVALID_JITTER_STRATEGY@T',
      'NUMBER_OUT_OF_RANGE@T',
      'NUMBER_OUT_OF_RANGE@T',
      'STATES_ALL_NOT_LAST@T',
    ]);
  });

  it('requires the task token in a .waitForTaskToken payload', () => {
    const resource = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
    assert.deepEqual(
      codes(quick(task({ Resource: resource, Parameters: { QueueUrl: 'q', MessageBody: { 'input.$': '$' } } }))),
      ['TASK_TOKEN_NOT_PASSED@T'],
    );
    assert.deepEqual(
      codes(
        quick(task({ Resource: resource, Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } } })),
      ),
      [],
    );
    const jsonata = {
      QueryLanguage: 'JSONata',
      Resource: resource,
      Arguments: { QueueUrl: 'q', MessageBody: '{% {"t": $states.context.Task.Token} %}' },
    };
    assert.deepEqual(codes(quick(task(jsonata))), []);
  });

  it('checks Map labels', () => {
    const map = (label: string): JsonObject => ({
      StartAt: 'M',
      States: { M: { Type: 'Map', Label: label, ItemProcessor: { StartAt: 'I', States: { I: pass() } }, End: true } },
    });
    assert.deepEqual(codes(quick(map('ok-label'))), []);
    assert.deepEqual(codes(quick(map(''))), ['INVALID_MAP_LABEL@M']);
    assert.deepEqual(codes(quick(map('x'.repeat(41)))), ['INVALID_MAP_LABEL@M']);
    assert.deepEqual(codes(quick(map('a b'))), ['INVALID_MAP_LABEL@M']);
    // Control characters, C0, DEL and C1 alike; other non-ASCII letters are fine.
    for (const control of ['\u0001', '\u007f', '\u0085', '\u009f']) {
      assert.deepEqual(codes(quick(map(`a${control}b`))), ['INVALID_MAP_LABEL@M'], JSON.stringify(control));
    }
    assert.deepEqual(codes(quick(map('café'))), []);
  });
});

describe('analyse: query languages and JSONata', () => {
  it('rejects a downgrade to JSONPath and fields of the other language', () => {
    const findings = quick({
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', QueryLanguage: 'JSONPath', Output: '{% 1 %}', Next: 'B' },
        B: pass({ InputPath: '$.x' }),
      },
    });
    assert.deepEqual(codes(findings), [
      'QUERY_LANGUAGE_DOWNGRADE@A',
      'FIELD_NOT_IN_QUERY_LANGUAGE@A',
      'FIELD_NOT_IN_QUERY_LANGUAGE@B',
    ]);
  });

  it('parses every {% %} string, multi-line included, and names the field', () => {
    const findings = quick({
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: { A: pass({ Output: { ok: '{% $states.input\n  .items %}', broken: '{% $states.input + %}' } }) },
    });
    assert.deepEqual(codes(findings), ['JSONATA_SYNTAX@A']);
    assert.match(findings[0]!.message, /^Output\.broken: JSONata does not parse/);
  });

  it('reports variables read before any assignment, respecting scopes and catchers', () => {
    const findings = quick({
      QueryLanguage: 'JSONata',
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { a: 1 }, Next: 'Try' },
        Try: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { x: '{% $a %}', y: '{% $b %}' },
          Catch: [{ ErrorEquals: ['States.ALL'], Assign: { err: '{% $states.errorOutput %}' }, Next: 'Handle' }],
          Next: 'Loop',
        },
        Handle: { Type: 'Pass', Output: '{% $err & $a %}', End: true },
        Loop: {
          Type: 'Map',
          Items: '{% [1, 2] %}',
          ItemProcessor: {
            StartAt: 'Inner',
            States: { Inner: { Type: 'Pass', Assign: { inner: '{% $a %}' }, Output: '{% $err %}', End: true } },
          },
          Next: 'After',
        },
        After: { Type: 'Pass', Output: '{% $inner %}', End: true },
      },
    });
    assert.deepEqual(codes(findings), [
      'UNASSIGNED_VARIABLE@Try',
      'UNASSIGNED_VARIABLE@Loop/Inner',
      'UNASSIGNED_VARIABLE@After',
    ]);
    assert.match(findings[0]!.message, /\$b/);
  });

  it('warns about {% %} in a JSONPath state, which is not evaluated there', () => {
    const findings = quick({ StartAt: 'A', States: { A: pass({ Parameters: { x: '{% $states.input %}' } }) } });
    assert.deepEqual(codes(findings, 'warning'), ['JSONATA_IN_JSONPATH_STATE@A']);
  });

  it('reads JSONPath variable references but not quoted literals or Result', () => {
    const findings = quick({
      StartAt: 'A',
      States: {
        A: pass({
          Parameters: { 'x.$': "States.Format('costs $5 {}', $price)", 'y.$': '$$.Execution.Id' },
          Result: { 'z.$': '$nope' },
        }),
      },
    });
    assert.deepEqual(codes(findings), ['UNASSIGNED_VARIABLE@A']);
    assert.match(findings[0]!.message, /\$price/);
  });
});

describe('analyse: locations and second opinion', () => {
  it('attaches the DSL location of the state, or of the workflow call', () => {
    const locations = new Map([
      ['', { file: 'workflows/w.ts', line: 3, column: 1 }],
      ['B', { file: 'workflows/w.ts', line: 9, column: 5 }],
    ]);
    const findings = analyse(
      { StartAt: 'A', States: { A: { Type: 'Pass' }, B: pass() } },
      { locations, secondOpinion: false },
    );
    assert.deepEqual(
      findings.map((f) => [f.code, f.location?.line]),
      [
        ['MISSING_NEXT_OR_END', 3],
        ['UNREACHABLE_STATE', 9],
      ],
    );
  });

  it('runs asl-validator on a copy: placeholders and multi-line JSONata raise nothing, its findings are warnings', () => {
    const definition: JsonObject = {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: '${activity:stepforge-action}',
          TimeoutSeconds: 60,
          HeartbeatSeconds: 20,
          Output: '{% $states.input\n.x %}',
          End: true,
        },
      },
    };
    const before = JSON.stringify(definition);
    assert.deepEqual(analyse(definition), []);
    assert.equal(JSON.stringify(definition), before, 'the definition was not mutated');
    const constants: JsonObject = {
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: [1, 2],
          ToleratedFailurePercentage: 2.5,
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Output: 42, End: true } } },
          End: true,
        },
      },
    };
    assert.deepEqual(analyse(constants), [], "asl-validator's known false positives are left out");
    const odd = analyse({ StartAt: 'W', States: { W: { Type: 'Pass', ResultPath: '$.a[?(@.b', End: true } } });
    assert.ok(
      odd.length > 0 && odd.every((f) => f.severity === 'warning' && f.code.startsWith('ASL_VALIDATOR_')),
      JSON.stringify(odd),
    );
  });
});

describe('analyse: fields and Choice rules', () => {
  it('rejects fields a state type does not have and malformed JSONPath Choice rules', () => {
    const findings = quick({
      StartAt: 'C',
      Extra: 1,
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.a', StringEquals: 'x', NumericEquals: 1, Next: 'W' },
            { And: [{ Variable: '$.b', IsNull: true, Next: 'W' }], Next: 'W' },
            { Variable: '$.c', StringEqualz: 'x', Next: 'W' },
          ],
          Default: 'W',
        },
        W: { Type: 'Wait', Seconds: 1, Result: 'no', Next: 'P' },
        P: { Type: 'Pass', Parameters: { nested: { 'id.$': '$.id', id: 1 } }, End: true },
      },
    });
    assert.deepEqual(codes(findings), [
      'UNKNOWN_FIELD@',
      'INVALID_CHOICE_RULE@C',
      'INVALID_CHOICE_RULE@C',
      'UNKNOWN_FIELD@C',
      'INVALID_CHOICE_RULE@C',
      'UNKNOWN_FIELD@W',
      'DUPLICATE_PAYLOAD_FIELD@P',
    ]);
  });
});

describe('analyse: variable names', () => {
  it('rejects assigning $states and names that are not identifiers', () => {
    const findings = quick({ StartAt: 'A', States: { A: pass({ Assign: { states: 1, ok_1: 2, 'bad-name': 3 } }) } });
    assert.deepEqual(codes(findings), ['RESERVED_VARIABLE@A', 'INVALID_VARIABLE_NAME@A']);
  });
});

describe('analyse: paths', () => {
  it('wants reference paths in JSONPath path fields, null where AWS allows it, intrinsics in ErrorPath/CausePath', () => {
    const findings = quick({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', InputPath: null, OutputPath: 'output', ResultPath: '$.r', Next: 'C' },
        C: { Type: 'Choice', Choices: [{ Not: { Variable: 'x', IsPresent: true }, Next: 'F' }], Default: 'F' },
        F: { Type: 'Fail', ErrorPath: '$.error', CausePath: "States.Format('{}', $.cause)" },
      },
    });
    assert.deepEqual(codes(findings), ['INVALID_PATH@A', 'INVALID_PATH@C']);
  });
});

describe('analyse: EXPRESS workflows', () => {
  it('rejects activities, .waitForTaskToken and .sync only when the workflow is EXPRESS', () => {
    const definition: JsonObject = {
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: '${activity:stepforge-action}', Next: 'B' },
        B: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: { StateMachineArn: 'x' },
          Next: 'C',
        },
        C: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
      },
    };
    assert.deepEqual(codes(analyse(definition, { type: 'EXPRESS', secondOpinion: false })), [
      'EXPRESS_UNSUPPORTED@A',
      'EXPRESS_UNSUPPORTED@B',
    ]);
    assert.deepEqual(codes(analyse(definition, { type: 'STANDARD', secondOpinion: false })), []);
  });
});

describe('analyse: tasks that wait for a worker', () => {
  const machine = (states: JsonObject): JsonObject => ({ StartAt: Object.keys(states)[0]!, States: states });
  const queueTask = (extra: JsonObject): JsonObject => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
    Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } },
    ...extra,
  });

  it('warns on an activity or .waitForTaskToken Task without HeartbeatSeconds or TimeoutSeconds', () => {
    const findings = quick(
      machine({
        Bare: { Type: 'Task', Resource: 'arn:aws:states:us-east-1:123456789012:activity:work', Next: 'Queue' },
        Queue: queueTask({ HeartbeatSeconds: 120, Next: 'Paths' }),
        Paths: {
          Type: 'Task',
          Resource: '${activity:stepforge-action}',
          TimeoutSecondsPath: '$.t',
          HeartbeatSecondsPath: '$.h',
          Next: 'Fine',
        },
        Fine: queueTask({ TimeoutSeconds: 600, HeartbeatSeconds: 60, Next: 'Lambda' }),
        Lambda: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'f' },
          End: true,
        },
      }),
    );
    assert.deepEqual(codes(findings), []);
    assert.deepEqual(codes(findings, 'warning'), [
      'WORKER_TASK_WITHOUT_HEARTBEAT@Bare',
      'WORKER_TASK_WITHOUT_TIMEOUT@Bare',
      'WORKER_TASK_WITHOUT_TIMEOUT@Queue',
    ]);
    const byCode = (code: string, state: string) =>
      findings.find((f) => f.code === code && f.statePath === state)!.message;
    assert.match(
      byCode('WORKER_TASK_WITHOUT_HEARTBEAT', 'Bare'),
      /a worker that dies leaves the execution waiting until TimeoutSeconds \(on AWS, for ever\)/,
    );
    // The media-archive defect: HeartbeatSeconds 120 and no TimeoutSeconds failed every archive at 60 s on LocalStack.
    assert.match(
      byCode('WORKER_TASK_WITHOUT_TIMEOUT', 'Queue'),
      /fails the task after 60 s, before its HeartbeatSeconds \(120\) can even run out/,
    );
  });

  it('rejects a HeartbeatSeconds not below TimeoutSeconds, naming the DSL call', () => {
    const wf = workflow('heartbeat-too-long');
    const callLine = Number(new Error().stack!.match(/analyse\.test\.ts:(\d+)/)![1]) + 1;
    wf.task('Work', { resource: '${activity:stepforge-action}', timeoutSeconds: 60, heartbeatSeconds: 60 });
    const findings = analyse(wf.toAsl() as unknown as JsonObject, { locations: wf.locations(), secondOpinion: false });
    const [finding] = findings.filter((f) => f.severity === 'error');
    assert.equal(finding?.code, 'HEARTBEAT_NOT_BELOW_TIMEOUT');
    assert.equal(finding.message, 'HeartbeatSeconds (60) must be smaller than TimeoutSeconds (60)');
    assert.match(finding.location!.file, /analyse\.test\.ts$/);
    assert.equal(finding.location!.line, callLine);
  });

  it('finds nothing to say about the task-container steps the DSL generates', () => {
    const wf = workflow('containers');
    wf.zipArchive('Zip', { input: { files: [{ source: 'a' }] } }).next((steps) =>
      steps.action('Act', {
        input: { action: { name: 's3-copy', params: { bucket: 'd' } }, item: { bucket: 'b', key: 'k' } },
        dispatch: 'activity',
      }),
    );
    assert.deepEqual(analyse(wf.toAsl() as unknown as JsonObject, { secondOpinion: false }), []);
  });
});
