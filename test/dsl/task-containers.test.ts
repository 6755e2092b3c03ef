// The four task containers as steps: the dispatch envelope of docs/internal-contracts.md and the resources they need.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeholder, workflow } from '../../src/dsl/index.ts';

interface Input {
  bucket: string;
  files: { source: string; destination?: string }[];
}

const WORKER_LOSS_RETRY = {
  ErrorEquals: ['Worker.Shutdown', 'States.HeartbeatTimeout', 'States.Timeout'],
  IntervalSeconds: 2,
  MaxAttempts: 2,
  BackoffRate: 2,
};

describe('task containers', () => {
  it('dispatch by queue with the task token (default) and by activity, in JSONPath', () => {
    const wf = workflow<Input>('containers', {
      resources: { buckets: ['extra'], queues: ['events.fifo', { name: 'plain' }] },
    });
    wf.listAndPublish('List', ({ input }) => ({
      input: { bucket: input.bucket, queueUrl: placeholder.queueUrl('out'), include: ['size'] },
      resultPath: '$.listed',
      heartbeatSeconds: 30,
    }))
      .next((steps) =>
        steps.zipArchive('Zip', ({ input }) => ({ input: { files: input.files }, dispatch: 'activity' })),
      )
      .next((steps) =>
        steps.consume('Drain', {
          input: { queueUrl: placeholder.queueUrl('out'), action: { name: 'http-post', params: { url: 'http://x' } } },
        }),
      )
      .next((steps) =>
        steps.action('Copy', {
          input: { action: { name: 's3-copy', params: { bucket: 'd' } }, item: { bucket: 'b', key: 'k' } },
          dispatch: 'activity',
        }),
      );
    const states = wf.toAsl().States;
    assert.deepStrictEqual(states.List, {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: {
        QueueUrl: '${queue:stepforge-list-and-publish-tasks}',
        MessageBody: {
          input: { 'bucket.$': '$.bucket', queueUrl: '${queue:out}', include: ['size'] },
          'execution.$': '$$.Execution.Id',
          'state.$': '$$.State.Name',
          'taskToken.$': '$$.Task.Token',
        },
      },
      TimeoutSeconds: 3600,
      HeartbeatSeconds: 30,
      ResultPath: '$.listed',
      Retry: [WORKER_LOSS_RETRY],
      Next: 'Zip',
    });
    assert.deepStrictEqual(states.Zip, {
      Type: 'Task',
      Resource: '${activity:stepforge-zip-archive}',
      Parameters: { input: { 'files.$': '$.files' }, 'execution.$': '$$.Execution.Id', 'state.$': '$$.State.Name' },
      TimeoutSeconds: 21600,
      HeartbeatSeconds: 60,
      Retry: [WORKER_LOSS_RETRY],
      Next: 'Drain',
    });
    assert.equal(states.Drain.Resource, 'arn:aws:states:::sqs:sendMessage.waitForTaskToken');
    assert.equal(states.Copy.Resource, '${activity:stepforge-action}');
    assert.deepStrictEqual(wf.resources(), {
      activities: ['stepforge-action', 'stepforge-zip-archive'],
      queues: [
        { name: 'events.fifo', fifo: true },
        { name: 'out', fifo: false },
        { name: 'plain', fifo: false },
        {
          name: 'stepforge-consume-tasks',
          fifo: false,
          dlq: { name: 'stepforge-consume-tasks-dlq', maxReceiveCount: 5 },
        },
        {
          name: 'stepforge-list-and-publish-tasks',
          fifo: false,
          dlq: { name: 'stepforge-list-and-publish-tasks-dlq', maxReceiveCount: 5 },
        },
      ],
      buckets: ['extra'],
    });
  });

  it('passes the whole state input, and renders the envelope as Arguments in JSONata', () => {
    const wf = workflow<Input>('containers-jsonata', { queryLanguage: 'JSONata' });
    wf.zipArchive('Zip', ({ input, result }) => ({ input, output: { url: result.url } }));
    wf.zipArchive('ZipByActivity', ({ input }) => ({
      input: { files: input.files, metadata: { by: 'activity' } },
      dispatch: 'activity',
    }));
    const states = wf.toAsl().States;
    assert.deepStrictEqual(states.Zip, {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Arguments: {
        QueueUrl: '${queue:stepforge-zip-archive-tasks}',
        MessageBody: {
          input: '{% $states.input %}',
          execution: '{% $states.context.Execution.Id %}',
          state: '{% $states.context.State.Name %}',
          taskToken: '{% $states.context.Task.Token %}',
        },
      },
      TimeoutSeconds: 21600,
      HeartbeatSeconds: 60,
      Output: { url: '{% $states.result.url %}' },
      Retry: [WORKER_LOSS_RETRY],
      End: true,
    });
    assert.deepStrictEqual(states.ZipByActivity.Arguments, {
      input: { files: '{% $states.input.files %}', metadata: { by: 'activity' } },
      execution: '{% $states.context.Execution.Id %}',
      state: '{% $states.context.State.Name %}',
    });
  });

  it('refuses an unknown option, naming it', () => {
    const wf = workflow('containers-bad');
    assert.throws(
      () =>
        wf.consume('C', {
          input: { queueUrl: 'q', action: { name: 's3-copy', params: { bucket: 'd' } } },
          resource: 'arn:x',
        } as never),
      /C: unknown option "resource"/,
    );
  });
});

describe('task containers: timeouts, heartbeats and the worker-loss Retry', () => {
  const zip = { files: [{ source: 'a.txt' }] };

  it('gives each task its documented TimeoutSeconds and HeartbeatSeconds', () => {
    const wf = workflow('defaults');
    wf.listAndPublish('List', { input: { bucket: 'b', queueUrl: 'q' } })
      .next((steps) =>
        steps.consume('Drain', { input: { queueUrl: 'q', action: { name: 's3-copy', params: { bucket: 'd' } } } }),
      )
      .next((steps) =>
        steps.action('Act', {
          input: { action: { name: 's3-copy', params: { bucket: 'd' } }, item: { bucket: 'b', key: 'k' } },
        }),
      )
      .next((steps) => steps.zipArchive('Zip', { input: zip }));
    const states = wf.toAsl().States;
    const fields = (name: string) => [states[name].TimeoutSeconds, states[name].HeartbeatSeconds];
    assert.deepEqual(fields('List'), [3600, 60]);
    assert.deepEqual(fields('Drain'), [21600, 60]);
    assert.deepEqual(fields('Act'), [3600, 60]);
    assert.deepEqual(fields('Zip'), [21600, 60]);
    for (const name of ['List', 'Drain', 'Act', 'Zip']) assert.deepEqual(states[name].Retry, [WORKER_LOSS_RETRY], name);
  });

  it('takes the step options instead: literals, references as ...Path, ...Path, and JSONata expressions', () => {
    const wf = workflow<{ limit: number; beat: number }>('overrides');
    wf.zipArchive('Reference', ({ input }) => ({
      input: zip,
      timeoutSeconds: input.limit,
      heartbeatSeconds: input.beat,
    }))
      .next((steps) => steps.zipArchive('Literal', { input: zip, timeoutSeconds: 90, heartbeatSeconds: 15 }))
      .next((steps) =>
        steps.zipArchive('Paths', { input: zip, timeoutSecondsPath: '$.limit', heartbeatSecondsPath: '$.beat' }),
      )
      .next((steps) => steps.zipArchive('OnlyTimeout', { input: zip, timeoutSeconds: 7200 }))
      .next((steps) =>
        steps.zipArchive('Expression', {
          input: zip,
          queryLanguage: 'JSONata',
          timeoutSeconds: '{% $states.input.limit %}',
        }),
      );
    const states = wf.toAsl().States;
    const pick = (name: string) =>
      Object.fromEntries(Object.entries(states[name]).filter(([key]) => /^(Timeout|Heartbeat)Seconds/.test(key)));
    assert.deepEqual(pick('Literal'), { TimeoutSeconds: 90, HeartbeatSeconds: 15 });
    assert.deepEqual(pick('Reference'), { TimeoutSecondsPath: '$.limit', HeartbeatSecondsPath: '$.beat' });
    assert.deepEqual(pick('Paths'), { TimeoutSecondsPath: '$.limit', HeartbeatSecondsPath: '$.beat' });
    assert.deepEqual(pick('OnlyTimeout'), { TimeoutSeconds: 7200, HeartbeatSeconds: 60 });
    assert.deepEqual(pick('Expression'), { TimeoutSeconds: '{% $states.input.limit %}', HeartbeatSeconds: 60 });
  });

  it('refuses a timeout the default heartbeat does not fit under, naming the field', () => {
    const wf = workflow('short');
    assert.throws(
      () =>
        wf.action('Quick', {
          input: { action: { name: 's3-copy', params: { bucket: 'd' } }, item: { bucket: 'b', key: 'k' } },
          timeoutSeconds: 30,
        }),
      (error: Error) => {
        assert.match(
          error.message,
          /Quick\.timeoutSeconds: 30 is not above the default heartbeatSeconds \(60\); set heartbeatSeconds below it too/,
        );
        assert.match(error.message, /task-containers\.test\.ts:\d+/, 'names the call');
        return true;
      },
    );
  });

  it('puts user retriers first and drops from the default what they already handle; States.ALL stays last', () => {
    const wf = workflow('retries');
    wf.zipArchive('Own', { input: zip, retry: [{ errors: ['ZipArchive.SourceChanged'], maxAttempts: 2 }] })
      .next((steps) =>
        steps.zipArchive('Partly', { input: zip, retry: [{ errors: ['States.HeartbeatTimeout'], maxAttempts: 5 }] }),
      )
      .next((steps) =>
        steps.zipArchive('CatchAll', {
          input: zip,
          retry: [{ errors: ['ZipArchive.Throttled'] }, { errors: ['States.ALL'], maxAttempts: 4 }],
        }),
      )
      .next((steps) => steps.zipArchive('TaskFailed', { input: zip, retry: [{ errors: ['States.TaskFailed'] }] }))
      .next((steps) =>
        steps.zipArchive('Policy', {
          input: zip,
          workerLossRetry: { maxAttempts: 5, intervalSeconds: 1, jitterStrategy: 'FULL' },
        }),
      )
      .next((steps) => steps.zipArchive('Off', { input: zip, workerLossRetry: false }))
      .next((steps) =>
        steps.zipArchive('Chained', { input: zip }).retry({ errors: ['Worker.Shutdown'], maxAttempts: 9 }),
      );
    const states = wf.toAsl().States;
    const errors = (name: string) =>
      (states[name].Retry as { ErrorEquals: string[] }[] | undefined)?.map((retrier) => retrier.ErrorEquals);
    assert.deepEqual(errors('Own'), [['ZipArchive.SourceChanged'], WORKER_LOSS_RETRY.ErrorEquals]);
    assert.deepEqual(errors('Partly'), [['States.HeartbeatTimeout'], ['Worker.Shutdown', 'States.Timeout']]);
    assert.deepEqual(errors('CatchAll'), [['ZipArchive.Throttled'], ['States.ALL']]);
    // States.TaskFailed matches every error but States.Timeout.
    assert.deepEqual(errors('TaskFailed'), [['States.TaskFailed'], ['States.Timeout']]);
    assert.deepEqual(states.Policy.Retry, [
      { ErrorEquals: WORKER_LOSS_RETRY.ErrorEquals, IntervalSeconds: 1, MaxAttempts: 5, JitterStrategy: 'FULL' },
    ]);
    assert.equal(states.Off.Retry, undefined);
    assert.deepEqual(errors('Chained'), [['Worker.Shutdown'], ['States.HeartbeatTimeout', 'States.Timeout']]);
  });

  it('default errors and heartbeat interval match the worker runtime', async () => {
    const runtime = await import('../../tasks/runtime/index.ts');
    const defaults = await import('../../src/dsl/containers/worker-defaults.ts');
    assert.equal(defaults.WORKER_SHUTDOWN_ERROR, runtime.WORKER_SHUTDOWN_ERROR);
    assert.equal(defaults.WORKER_HEARTBEAT_INTERVAL_SECONDS, runtime.DEFAULT_HEARTBEAT_INTERVAL_SECONDS);
  });
});

describe("a project's actions and tasks in the DSL", () => {
  it('the action shorthand writes the same state as the input form', () => {
    const short = workflow<{ who: string }>('short');
    short.action('Greet', ({ input }) => ({ action: 'greet', params: { name: input.who }, dispatch: 'activity' }));
    const long = workflow<{ who: string }>('long');
    long.action('Greet', ({ input }) => ({
      input: { action: { name: 'greet', params: { name: input.who } } },
      dispatch: 'activity',
    }));
    assert.deepStrictEqual(short.toAsl().States, long.toAsl().States);
    assert.deepStrictEqual(short.toAsl().States.Greet.Parameters, {
      input: { action: { name: 'greet', params: { 'name.$': '$.who' } } },
      'execution.$': '$$.Execution.Id',
      'state.$': '$$.State.Name',
    });
  });

  it('refuses the shorthand and input together, naming the state', () => {
    const wf = workflow('both');
    assert.throws(
      () => wf.action('Both', { action: 'greet', params: { name: 'a' }, input: {} } as never),
      /Both: give either action\/params\/item or input, not both/,
    );
  });

  it('a user task step dispatches to its own queue or activity with the default timeouts and Retry', () => {
    const wf = workflow<{ text: string }>('user-task');
    wf.userTask('Shout', ({ input }) => ({ task: 'shout', input: { text: input.text } })).next((steps) =>
      steps.userTask('ShoutAgain', { task: 'shout', input: { text: 'again' }, dispatch: 'activity' }),
    );
    const states = wf.toAsl().States;
    assert.equal(states.Shout.Resource, 'arn:aws:states:::sqs:sendMessage.waitForTaskToken');
    assert.deepStrictEqual(
      (states.Shout.Parameters as { QueueUrl: string }).QueueUrl,
      '${queue:stepforge-shout-tasks}',
    );
    assert.equal(states.ShoutAgain.Resource, '${activity:stepforge-shout}');
    assert.deepStrictEqual([states.Shout.TimeoutSeconds, states.Shout.HeartbeatSeconds], [3600, 60]);
    assert.deepStrictEqual(states.Shout.Retry, [
      {
        ErrorEquals: ['Worker.Shutdown', 'States.HeartbeatTimeout', 'States.Timeout'],
        IntervalSeconds: 2,
        MaxAttempts: 2,
        BackoffRate: 2,
      },
    ]);
    const resources = wf.resources();
    assert.deepStrictEqual(resources.activities, ['stepforge-shout']);
    assert.deepStrictEqual(
      resources.queues.map((queue) => queue.name),
      ['stepforge-shout-tasks'],
    );
  });
});
