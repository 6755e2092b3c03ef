import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arn, context, Errors, jsonata, placeholder, workflow } from '../../src/dsl/index.ts';

interface Job {
  job: { id: string; role: string; timeout: number; heartbeat: number; fn: string };
}

function onlyState(wf: { toAsl(): { States: Record<string, unknown> } }, name: string): unknown {
  return wf.toAsl().States[name];
}

describe('Task', () => {
  it('renders every JSONPath field in ASL order', () => {
    const wf = workflow<Job>('task-jsonpath');
    wf.task('Call', ({ input, result }) => ({
      comment: 'calls a function',
      resource: arn.lambdaInvoke(),
      credentials: { RoleArn: input.job.role },
      inputPath: '$',
      parameters: { FunctionName: 'fn', Payload: { id: input.job.id, token: context.Task.Token } },
      timeoutSeconds: 30,
      heartbeatSeconds: 10,
      resultSelector: { payload: result.Payload },
      resultPath: '$.out',
      outputPath: '$.out',
      assign: { lastId: input.job.id },
    }))
      .retry({
        errors: [Errors.Timeout],
        intervalSeconds: 2,
        maxAttempts: 3,
        backoffRate: 1.5,
        maxDelaySeconds: 60,
        jitterStrategy: 'FULL',
      })
      .retry()
      .catch(wf.pass('Recover'), {
        errors: ['Lambda.ServiceException', Errors.ALL],
        resultPath: '$.error',
        assign: { failed: true },
      });
    const asl = onlyState(wf, 'Call');
    assert.deepStrictEqual(asl, {
      Type: 'Task',
      Comment: 'calls a function',
      Resource: 'arn:aws:states:::lambda:invoke',
      Credentials: { 'RoleArn.$': '$.job.role' },
      InputPath: '$',
      Parameters: { FunctionName: 'fn', Payload: { 'id.$': '$.job.id', 'token.$': '$$.Task.Token' } },
      TimeoutSeconds: 30,
      HeartbeatSeconds: 10,
      ResultSelector: { 'payload.$': '$.Payload' },
      ResultPath: '$.out',
      OutputPath: '$.out',
      Assign: { 'lastId.$': '$.job.id' },
      Retry: [
        {
          ErrorEquals: ['States.Timeout'],
          IntervalSeconds: 2,
          MaxAttempts: 3,
          BackoffRate: 1.5,
          MaxDelaySeconds: 60,
          JitterStrategy: 'FULL',
        },
        { ErrorEquals: ['States.ALL'] },
      ],
      Catch: [
        {
          ErrorEquals: ['Lambda.ServiceException', 'States.ALL'],
          ResultPath: '$.error',
          Assign: { failed: true },
          Next: 'Recover',
        },
      ],
      End: true,
    });
    assert.deepStrictEqual(Object.keys(asl as object).slice(0, 4), ['Type', 'Comment', 'Resource', 'Credentials']);
  });

  it('renders timeouts from references as ...Path fields, and explicit Path fields', () => {
    const wf = workflow<Job>('task-paths');
    wf.task('A', ({ input }) => ({
      resource: 'arn:aws:states:us-east-1:1:activity:a',
      timeoutSeconds: input.job.timeout,
      heartbeatSeconds: input.job.heartbeat,
    }));
    wf.task('B', {
      resource: 'arn:x',
      timeoutSecondsPath: '$.t',
      heartbeatSecondsPath: '$.h',
      resultPath: null,
      outputPath: null,
      inputPath: null,
    });
    const states = wf.toAsl().States;
    assert.deepStrictEqual(states.A, {
      Type: 'Task',
      Resource: 'arn:aws:states:us-east-1:1:activity:a',
      TimeoutSecondsPath: '$.job.timeout',
      HeartbeatSecondsPath: '$.job.heartbeat',
      End: true,
    });
    assert.deepStrictEqual(states.B, {
      Type: 'Task',
      Resource: 'arn:x',
      InputPath: null,
      TimeoutSecondsPath: '$.t',
      HeartbeatSecondsPath: '$.h',
      ResultPath: null,
      OutputPath: null,
      End: true,
    });
  });

  it('accepts any resource string: integrations, placeholders, odd ARNs', () => {
    const resources = [
      arn.sqsSendMessage(),
      arn.sqsSendMessage('waitForTaskToken'),
      arn.awsSdk('s3', 'listObjectsV2'),
      arn.startExecution('sync'),
      arn.startExecution('sync:2'),
      arn.lambdaInvoke('waitForTaskToken'),
      placeholder.activity('my-activity'),
      '__tbd__',
      '$.FunctionName',
    ];
    const wf = workflow('task-resources');
    for (const [index, resource] of resources.entries()) wf.task(`T${index}`, { resource });
    assert.deepStrictEqual(
      Object.values(wf.toAsl().States).map((state) => state.Resource),
      [
        'arn:aws:states:::sqs:sendMessage',
        'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        'arn:aws:states:::aws-sdk:s3:listObjectsV2',
        'arn:aws:states:::states:startExecution.sync',
        'arn:aws:states:::states:startExecution.sync:2',
        'arn:aws:states:::lambda:invoke.waitForTaskToken',
        '${activity:my-activity}',
        '__tbd__',
        '$.FunctionName',
      ],
    );
    assert.deepStrictEqual(wf.resources().activities, ['my-activity']);
  });

  it('renders a JSONata task: Arguments, Output, Assign, expressions for timeouts, Catch Output', () => {
    const wf = workflow<Job>('task-jsonata', { queryLanguage: 'JSONata' });
    wf.task('Call', ({ input, result, errorOutput }) => ({
      resource: arn.lambdaInvoke(),
      arguments: { FunctionName: input.job.fn, Payload: { id: input.job.id, n: jsonata`$count(${input.job.id})` } },
      timeoutSeconds: jsonata<number>`${input.job.timeout} * 2`,
      heartbeatSeconds: input.job.heartbeat,
      output: { body: result.Payload, raw: '{% $states.result %}' },
      assign: { seen: jsonata`$exists(${result.Payload})` },
      catch: [{ next: wf.pass('Handle'), output: { error: errorOutput.Error }, assign: { cause: errorOutput.Cause } }],
    }));
    assert.deepStrictEqual(onlyState(wf, 'Call'), {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: {
        FunctionName: '{% $states.input.job.fn %}',
        Payload: { id: '{% $states.input.job.id %}', n: '{% $count($states.input.job.id) %}' },
      },
      TimeoutSeconds: '{% $states.input.job.timeout * 2 %}',
      HeartbeatSeconds: '{% $states.input.job.heartbeat %}',
      Output: { body: '{% $states.result.Payload %}', raw: '{% $states.result %}' },
      Assign: { seen: '{% $exists($states.result.Payload) %}' },
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          Output: { error: '{% $states.errorOutput.Error %}' },
          Assign: { cause: '{% $states.errorOutput.Cause %}' },
          Next: 'Handle',
        },
      ],
      End: true,
    });
    assert.equal(wf.toAsl().QueryLanguage, 'JSONata');
  });

  it('refuses fields of the other language at render time, naming the field', () => {
    const wf = workflow('task-wrong-language');
    // A JavaScript caller (or a cast) can get past the types; rendering still names the field at fault.
    wf.task('Bad', { resource: 'arn:x', queryLanguage: 'JSONata', parameters: { a: 1 } } as never);
    assert.throws(() => wf.toAsl(), /Bad\.Parameters: not allowed in a JSONata state/);
  });
});
