import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonata, workflow } from '../../src/dsl/index.ts';

interface Input {
  delay: number;
  until: string;
  problem: { code: string; text: string };
}

describe('Wait', () => {
  it('renders Seconds, SecondsPath, Timestamp, TimestampPath (literal, reference or explicit path)', () => {
    const wf = workflow<Input>('wait-jsonpath');
    wf.wait('Literal', { seconds: 5, comment: 'five', inputPath: '$', outputPath: '$', assign: { waited: true } });
    wf.wait('FromRef', ({ input }) => ({ seconds: input.delay }));
    wf.wait('ExplicitPath', { secondsPath: '$.delay' });
    wf.wait('At', { timestamp: '2026-12-24T18:00:00Z' });
    wf.wait('AtRef', ({ input }) => ({ timestamp: input.until }));
    wf.wait('AtPath', { timestampPath: '$.until' });
    assert.deepStrictEqual(wf.toAsl().States, {
      Literal: {
        Type: 'Wait',
        Comment: 'five',
        InputPath: '$',
        Seconds: 5,
        OutputPath: '$',
        Assign: { waited: true },
        End: true,
      },
      FromRef: { Type: 'Wait', SecondsPath: '$.delay', End: true },
      ExplicitPath: { Type: 'Wait', SecondsPath: '$.delay', End: true },
      At: { Type: 'Wait', Timestamp: '2026-12-24T18:00:00Z', End: true },
      AtRef: { Type: 'Wait', TimestampPath: '$.until', End: true },
      AtPath: { Type: 'Wait', TimestampPath: '$.until', End: true },
    });
  });

  it('renders JSONata Seconds and Timestamp expressions', () => {
    const wf = workflow<Input>('wait-jsonata', { queryLanguage: 'JSONata' });
    wf.wait('Seconds', ({ input }) => ({ seconds: jsonata<number>`${input.delay} * 60`, output: { d: input.delay } }));
    wf.wait('Until', ({ input }) => ({ timestamp: input.until }));
    assert.deepStrictEqual(wf.toAsl().States, {
      Seconds: {
        Type: 'Wait',
        Seconds: '{% $states.input.delay * 60 %}',
        Output: { d: '{% $states.input.delay %}' },
        End: true,
      },
      Until: { Type: 'Wait', Timestamp: '{% $states.input.until %}', End: true },
    });
  });
});

describe('Succeed and Fail', () => {
  it('renders Succeed with InputPath/OutputPath, and JSONata Output', () => {
    const wf = workflow<Input>('succeed');
    wf.succeed('Done', { comment: 'ok', inputPath: '$.problem', outputPath: '$.code' });
    wf.succeed('DoneJsonata', ({ input }) => ({ queryLanguage: 'JSONata', output: { code: input.problem.code } }));
    assert.deepStrictEqual(wf.toAsl().States, {
      Done: { Type: 'Succeed', Comment: 'ok', InputPath: '$.problem', OutputPath: '$.code' },
      DoneJsonata: { Type: 'Succeed', QueryLanguage: 'JSONata', Output: { code: '{% $states.input.problem.code %}' } },
    });
  });

  it('renders Fail with Error/Cause, ErrorPath/CausePath and JSONata expressions', () => {
    const wf = workflow<Input>('fail');
    wf.fail('Literal', { comment: 'no', error: 'Order.Invalid', cause: 'bad order' });
    wf.fail('FromRefs', ({ input }) => ({ error: input.problem.code, cause: input.problem.text }));
    wf.fail('ExplicitPaths', { errorPath: '$.problem.code', causePath: '$.problem.text' });
    wf.fail('Jsonata', ({ input }) => ({
      queryLanguage: 'JSONata',
      error: input.problem.code,
      cause: jsonata<string>`"because " & ${input.problem.text}`,
    }));
    assert.deepStrictEqual(wf.toAsl().States, {
      Literal: { Type: 'Fail', Comment: 'no', Error: 'Order.Invalid', Cause: 'bad order' },
      FromRefs: { Type: 'Fail', ErrorPath: '$.problem.code', CausePath: '$.problem.text' },
      ExplicitPaths: { Type: 'Fail', ErrorPath: '$.problem.code', CausePath: '$.problem.text' },
      Jsonata: {
        Type: 'Fail',
        QueryLanguage: 'JSONata',
        Error: '{% $states.input.problem.code %}',
        Cause: '{% "because " & $states.input.problem.text %}',
      },
    });
  });
});
