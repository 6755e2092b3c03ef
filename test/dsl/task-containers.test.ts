// The four task containers as steps: the dispatch envelope of docs/internal-contracts.md and the resources they need.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeholder, workflow } from '../../src/dsl/index.ts';

interface Input {
  bucket: string;
  files: { source: string; destination?: string }[];
}

describe('task containers', () => {
  it('dispatch by queue with the task token (default) and by activity, in JSONPath', () => {
    const wf = workflow<Input>('containers', { resources: { buckets: ['extra'], queues: ['events.fifo', { name: 'plain' }] } });
    wf.listAndPublish('List', ({ input }) => ({
      input: { bucket: input.bucket, queueUrl: placeholder.queueUrl('out'), include: ['size'] },
      resultPath: '$.listed',
      heartbeatSeconds: 60,
    }))
      .next((steps) => steps.zipArchive('Zip', ({ input }) => ({ input: { files: input.files }, dispatch: 'activity' })))
      .next((steps) => steps.consume('Drain', { input: { queueUrl: placeholder.queueUrl('out'), action: { name: 'http-post', params: { url: 'http://x' } } } }))
      .next((steps) => steps.action('Copy', { input: { action: { name: 's3-copy' }, item: { bucket: 'b', key: 'k' } }, dispatch: 'activity' }));
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
      HeartbeatSeconds: 60,
      ResultPath: '$.listed',
      Next: 'Zip',
    });
    assert.deepStrictEqual(states.Zip, {
      Type: 'Task',
      Resource: '${activity:stepforge-zip-archive}',
      Parameters: { input: { 'files.$': '$.files' }, 'execution.$': '$$.Execution.Id', 'state.$': '$$.State.Name' },
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
        { name: 'stepforge-consume-tasks', fifo: false, dlq: { name: 'stepforge-consume-tasks-dlq', maxReceiveCount: 5 } },
        { name: 'stepforge-list-and-publish-tasks', fifo: false, dlq: { name: 'stepforge-list-and-publish-tasks-dlq', maxReceiveCount: 5 } },
      ],
      buckets: ['extra'],
    });
  });

  it('passes the whole state input, and renders the envelope as Arguments in JSONata', () => {
    const wf = workflow<Input>('containers-jsonata', { queryLanguage: 'JSONata' });
    wf.zipArchive('Zip', ({ input, result }) => ({ input, output: { url: result.url } }));
    wf.zipArchive('ZipByActivity', ({ input }) => ({ input: { files: input.files, metadata: { by: 'activity' } }, dispatch: 'activity' }));
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
      Output: { url: '{% $states.result.url %}' },
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
    assert.throws(() => wf.consume('C', { input: { queueUrl: 'q', action: { name: 'a' } }, resource: 'arn:x' } as never), /C: unknown option "resource"/);
  });
});
