// artifact-pipeline, run in-process with the runner: list then post with both results kept beside the input, each
// step's Retry succeeding on its last attempt, and a failed listing ending the execution before the post.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, failOn, runWorkflow } from '../../src/testing/index.ts';
import { artifactPipeline } from '../../workflows/artifact-pipeline.ts';

const input = { prefix: 'builds/1/', receiverUrl: 'http://r' };
const listed = { published: 1, queueUrl: 'q', firstKey: 'builds/1/a.zip', lastKey: 'builds/1/a.zip' };
const posted = { received: 1, succeeded: 1, failed: 0 };

describe('artifact-pipeline', () => {
  it('lists then posts to the receiver URL, keeping both results beside the input', async () => {
    const postedTo: string[] = [];
    const run = await runWorkflow(artifactPipeline, input, {
      // Typed from the workflow: each container's envelope in (activity dispatch), its output back.
      tasks: {
        ListArtifacts: ({ input: call }) => {
          assert.ok(!('MessageBody' in call), 'activity dispatch: the envelope is the activity input itself');
          return { ...listed, firstKey: `${call.input.prefix}a.zip` };
        },
        PostArtifacts: ({ input: call }) => {
          assert.ok(!('MessageBody' in call), 'activity dispatch: the envelope is the activity input itself');
          const { action } = call.input;
          assert.ok(action.name === 'http-post', `the http-post action, got ${action.name}`);
          postedTo.push(action.params.url);
          return posted;
        },
      },
    });
    assert.deepEqual(run.path, ['ListArtifacts', 'PostArtifacts']);
    assert.deepEqual(run.output, { ...input, listed, posted });
    assert.deepEqual(postedTo, ['http://r']);
  });

  it('Retry on both steps: a worker shutdown and a timeout, each followed by success on the last attempt', async () => {
    const run = await runWorkflow(artifactPipeline, input, {
      tasks: {
        ListArtifacts: failOn([1, 2], { error: 'Worker.Shutdown' }, () => listed),
        PostArtifacts: failOn([1, 2], { error: 'States.Timeout' }, () => posted),
      },
    });
    assert.equal(run.status, 'SUCCEEDED');
    assert.deepEqual(
      run.steps.map((step) => [step.name, step.attempts]),
      [
        ['ListArtifacts', 3],
        ['PostArtifacts', 3],
      ],
    );
  });

  it('a listing that fails on every attempt ends the execution before the post', async () => {
    const run = await runWorkflow(artifactPipeline, input, {
      tasks: { ListArtifacts: fail('Worker.Shutdown', 'stopped'), PostArtifacts: () => posted },
    });
    assert.deepEqual([run.status, run.error, run.path], ['FAILED', 'Worker.Shutdown', ['ListArtifacts']]);
    assert.equal(run.steps[0]?.attempts, 3);
  });
});
